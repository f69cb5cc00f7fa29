import type { Moment } from './execution.commands.js';
import type { ExecutionEvent, ReadyPlan } from './execution.state.js';

/** PostgreSQL 15.6 → 16.2 on orders-db, Saturday 20:00–02:00 UTC; dora decides on rollback. */
export const plan: ReadyPlan = {
  upgradeId: 'pg16',
  targets: [{ assetId: 'orders-db', fromVersion: '15.6', toVersion: '16.2' }],
  window: {
    startsAt: '2027-01-16T20:00:00.000Z',
    endsAt: '2027-01-17T02:00:00.000Z',
    rollbackDecisionDeadline: '2027-01-17T00:30:00.000Z',
  },
  backups: [{ backupId: 'nightly', assetId: 'orders-db', scope: 'data-and-configuration' }],
  steps: [{ stepId: 'pg-upgrade', order: 1, description: 'run pg_upgrade' }],
  acceptanceCriteria: [
    { criterionId: 'starts', order: 1, kind: 'startup', core: true, passCondition: 'accepts connections' },
    { criterionId: 'orders', order: 2, kind: 'core-workflow', core: true, passCondition: 'test order commits' },
    { criterionId: 'report', order: 3, kind: 'report', core: false, passCondition: 'renders' },
  ],
  rollback: {
    decisionOwner: 'dora',
    reversibility: 'reversible',
    rollbackOnAcceptanceFailure: true,
    confirmTimeoutMinutes: 15,
    defaultDecision: 'rollback',
    triggers: [
      {
        triggerId: 'acceptance',
        kind: 'acceptance-failure',
        mode: 'automatic',
        metric: null,
        comparison: null,
        threshold: null,
        sustainedMinutes: null,
        assetId: null,
      },
      {
        triggerId: 'errors',
        kind: 'metric-threshold',
        mode: 'automatic',
        metric: 'error_rate',
        comparison: 'above-baseline-factor',
        threshold: 2,
        sustainedMinutes: 5,
        assetId: null,
      },
      {
        triggerId: 'latency',
        kind: 'metric-threshold',
        mode: 'confirm',
        metric: 'response_time_p95',
        comparison: 'above-baseline-factor',
        threshold: 1.5,
        sustainedMinutes: 5,
        assetId: null,
      },
      {
        triggerId: 'cpu',
        kind: 'metric-threshold',
        mode: 'dry-run',
        metric: 'cpu',
        comparison: 'above-absolute',
        threshold: 90,
        sustainedMinutes: 5,
        assetId: null,
      },
    ],
  },
  monitoringMinutes: 4320,
  compatibilityWaivers: [],
};

export const at = (iso: string, activeFreezes: Moment['activeFreezes'] = []): Moment => ({
  now: new Date(iso),
  activeFreezes,
});
export const inWindow = at('2027-01-16T21:00:00Z');

export const started: ExecutionEvent = {
  type: 'ExecutionStarted',
  payload: {
    executionId: 'x1',
    upgradeId: 'pg16',
    operator: 'oscar',
    startedAt: '2027-01-16T21:00:00.000Z',
    readyEventId: 'ready-1',
    plan,
  },
};
export const taken: ExecutionEvent = {
  type: 'BackupTaken',
  payload: {
    upgradeId: 'pg16',
    backupId: 'nightly',
    what: 'orders database',
    method: 'pg_basebackup',
    location: 's3://backups',
    sizeBytes: 1024,
    checksum: 'sha256:abc',
    startedAt: '2027-01-16T21:00:00.000Z',
    finishedAt: '2027-01-16T21:20:00.000Z',
  },
};
export const verified: ExecutionEvent = {
  type: 'BackupVerified',
  payload: {
    upgradeId: 'pg16',
    backupId: 'nightly',
    checksum: 'sha256:abc',
    restoreTest: { target: 'staging', durationSeconds: 600, succeeded: true },
  },
};
export const applied: ExecutionEvent = {
  type: 'UpgradeApplied',
  payload: {
    upgradeId: 'pg16',
    installed: [{ assetId: 'orders-db', version: '16.2' }],
    appliedAt: '2027-01-16T22:00:00.000Z',
  },
};
export const check = (criterionId: string, outcome: 'passed' | 'failed'): ExecutionEvent => ({
  type: 'AcceptanceCheckRecorded',
  payload: { upgradeId: 'pg16', criterionId, outcome, evidence: 'ok', checkedBy: 'oscar' },
});
