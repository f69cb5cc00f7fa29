/** Example payloads for the execution's reply documentation, consistent with each other (upgrade pg16). */

export const EXAMPLE_PLAN = {
  upgradeId: 'pg16',
  targets: [{ assetId: 'orders-db-berlin', fromVersion: '15.6', toVersion: '16.2' }],
  window: {
    startsAt: '2027-01-16T01:00:00.000Z',
    endsAt: '2027-01-16T05:00:00.000Z',
    rollbackDecisionDeadline: '2027-01-16T04:00:00.000Z',
  },
  backups: [{ backupId: 'orders-full', assetId: 'orders-db-berlin', scope: 'orders database and configuration' }],
  steps: [
    { stepId: 'stop-app', order: 1, description: 'Stop order entry' },
    { stepId: 'pg-upgrade', order: 2, description: 'pg_upgrade --link to 16.2' },
  ],
  acceptanceCriteria: [
    { criterionId: 'orders', order: 1, kind: 'functional', core: true, passCondition: 'a test order commits' },
  ],
  rollback: {
    decisionOwner: 'dba-lead',
    reversibility: 'reversible',
    rollbackOnAcceptanceFailure: true,
    triggers: [
      {
        triggerId: 'latency',
        kind: 'metric-threshold',
        mode: 'confirm',
        metric: 'order_commit_p95_ms',
        comparison: 'above-baseline-factor',
        threshold: 2,
        sustainedMinutes: 10,
        assetId: 'orders-db-berlin',
      },
    ],
    confirmTimeoutMinutes: 15,
    defaultDecision: 'rollback',
  },
  monitoringMinutes: 120,
  compatibilityWaivers: [],
};

export const EXAMPLE_TAKEN = {
  evidence: 'recorded',
  upgradeId: 'pg16',
  backupId: 'orders-full',
  what: 'orders database and configuration',
  method: 'pg_dump',
  location: 's3://backups/orders/2027-01-16',
  sizeBytes: 53687091200,
  checksum: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  takenAt: '2027-01-16T01:10:00.000Z',
  takenBy: { id: 'operator-anna', role: 'operator' },
  reportedStartedAt: null,
  reportedFinishedAt: null,
};

export const EXAMPLE_SNAPSHOT = {
  upgradeId: 'pg16',
  assetId: 'orders-db-berlin',
  snapshotId: '0193a4b2-7c1e-7d3a-9f10-2b4c6d8e0f12',
  phase: 'before-apply',
  contentHash: '3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8557',
  capturedAt: '2027-01-16T01:20:00.000Z',
};
