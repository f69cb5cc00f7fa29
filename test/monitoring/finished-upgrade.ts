import { watchedPairs } from '@upgrade-control/contracts';
import {
  approve,
  beforeNotice,
  draftCommands,
  onCallFor,
  history as planningHistory,
  ready,
  scheduleWindow,
  submit,
} from '../support/fixtures/upgrade-plan.js';
import {
  applied,
  configurationAfter,
  configurationBefore,
  snapshotLinked,
  started,
  taken,
  verified,
  plan as readyPlan,
} from '../support/fixtures/execution.js';
import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import { publishedStream } from '../support/published-history.js';

/** One baseline per watched target, of all its trigger metrics, from a period ending before the window. */
function baselinesBefore(window: { startsAt: string }) {
  const metrics = new Map<string, string[]>();
  for (const { assetId, trigger } of watchedPairs(readyPlan.rollback.triggers, readyPlan.targets))
    metrics.set(assetId, [...(metrics.get(assetId) ?? []), trigger.metric!]);
  const to = new Date(Date.parse(window.startsAt) - 3_600_000).toISOString();
  return [...metrics].map(([assetId, names]) => ({ assetId, metrics: names, to }));
}

/** A finished upgrade as planning and execution published it: real deciders, sealed in chains. */
export function finishedUpgrade(upgradeId: string) {
  // The fixture plan, with the metric triggers monitoring watches.
  const draft = draftCommands.map((c) =>
    c.type === 'ProposeUpgrade'
      ? { ...c, upgradeId }
      : c.type === 'PlanRollback'
        ? { ...c, triggers: readyPlan.rollback.triggers }
        : c,
  );
  const window = { startsAt: '2027-01-16T20:00:00Z', endsAt: '2027-01-17T02:00:00Z' };
  const planningEvents = planningHistory([
    ...draft,
    submit,
    approve('bob'),
    scheduleWindow({ ...window, now: new Date('2026-12-01T00:00:00Z') }),
    ...beforeNotice,
    // At readiness: the support roles on call for this window, as the roster says, and a baseline
    // of every trigger metric, captured from the hour before the window.
    ready.type === 'MarkReadyForExecution'
      ? { ...ready, gateFacts: { ...ready.gateFacts, onCall: onCallFor(window), baselines: baselinesBefore(window) } }
      : ready,
  ]);
  const plan = planningEvents.at(-1)!.payload as ReadyPlan;
  const backupId = plan.backups[0]!.backupId;
  // orders-db's configuration, captured by the agent for this upgrade before and after apply.
  const linked = (phase: 'before-apply' | 'after-apply') => {
    const { payload } = snapshotLinked(phase);
    return {
      type: 'ConfigurationSnapshotLinked',
      payload: { ...payload, upgradeId, snapshotId: `${upgradeId}-${phase}` },
    };
  };
  const snapshots = (['before-apply', 'after-apply'] as const).flatMap((phase) => {
    const { payload } = linked(phase);
    const configuration = phase === 'before-apply' ? configurationBefore : configurationAfter;
    const captured = { ...payload, label: phase, configuration };
    return publishedStream(
      'inventory',
      `configuration-snapshot-${payload.snapshotId}`,
      upgradeId,
      [{ type: 'ConfigurationSnapshotCaptured', payload: captured }],
      new Date(payload.capturedAt),
      { id: 'pg-agent', role: 'agent' },
    );
  });
  const executionEvents = [
    { type: 'ExecutionStarted', payload: { ...started.payload, upgradeId, plan } },
    { type: 'BackupTaken', payload: { ...taken.payload, upgradeId, backupId } },
    { type: 'BackupVerified', payload: { ...verified.payload, upgradeId, backupId } },
    ...plan.steps.map(({ stepId }) => ({
      type: 'StepSkipped',
      payload: { upgradeId, stepId, skippedBy: 'bob', reason: 'the vendor ran it in the maintenance tool' },
    })),
    linked('before-apply'),
    { type: 'UpgradeApplied', payload: { ...applied.payload, upgradeId } },
    linked('after-apply'),
    ...plan.acceptanceCriteria
      .filter((c) => c.core)
      .map((c) => ({
        type: 'AcceptanceCheckRecorded',
        payload: { upgradeId, criterionId: c.criterionId, outcome: 'passed', evidence: 'ok', checkedBy: 'oscar' },
      })),
    {
      type: 'AcceptancePassed',
      payload: {
        upgradeId,
        passedCriteria: plan.acceptanceCriteria.filter((c) => c.core).map((c) => c.criterionId),
        monitoringMinutes: 60,
      },
    },
    {
      type: 'ExecutionCompleted',
      payload: { upgradeId, completedAt: '2027-01-16T23:00:00.000Z', afterNoticeDue: true },
    },
  ];
  return {
    planningEvents,
    /** Inventory's snapshots of the target taken for the upgrade (published on inventory's topic). */
    snapshots,
    planning: publishedStream(
      'planning',
      `upgrade-${upgradeId}`,
      upgradeId,
      planningEvents,
      new Date('2026-12-01T00:00:00Z'),
    ),
    execution: publishedStream(
      'execution',
      `execution-${upgradeId}`,
      upgradeId,
      executionEvents,
      new Date('2027-01-16T21:00:00Z'),
      { id: 'oscar', role: 'operator' },
    ),
  };
}
