import { assertNever } from '@upgrade-control/platform/domain';
import type { ExecutionEvent, ExecutionState, ExecutionStatus, Run } from '../execution.state.js';
import { evolveRollout, waveApplied } from './rollout-evolve.js';

export function evolve(state: ExecutionState, event: ExecutionEvent): ExecutionState {
  if (event.type === 'ExecutionStarted') {
    const { plan, upgradeId, startedAt } = event.payload;
    const backups = Object.fromEntries(
      plan.backups.map((b) => [b.backupId, { taken: null, verified: false, failed: null }]),
    );
    return {
      status: 'Running',
      run: {
        upgradeId,
        startedAt,
        plan,
        backups,
        steps: {},
        applied: false,
        appliedAt: null,
        snapshots: { 'before-apply': {}, 'after-apply': {} },
        checks: {},
        acceptance: 'open',
        pendingDecision: null,
        rollback: null,
        rollout: null,
      },
    };
  }
  if (state.status === 'NotStarted') return state;
  const { run } = state;
  const next = (changes: Partial<Run>, status: ExecutionStatus = state.status): ExecutionState => ({
    status,
    run: { ...run, ...changes },
  });
  const backup = (id: string, changes: Partial<Run['backups'][string]>) => ({
    ...run.backups,
    [id]: { ...run.backups[id]!, ...changes },
  });
  switch (event.type) {
    case 'BackupTaken':
      return next({ backups: backup(event.payload.backupId, { taken: event.payload, verified: false, failed: null }) });
    case 'BackupVerified':
      // A version 1 verification (upcast, evidence "not-recorded") does not count as the evidence it
      // lacks: the backup reads as failed verification, so apply asks to take and verify it again.
      return next({
        backups: backup(
          event.payload.backupId,
          event.payload.evidence === 'measured'
            ? { verified: true, failed: null, restoreMs: event.payload.restore.durationMs }
            : { verified: false, failed: 'verified before evidence was recorded (schema version 1)' },
        ),
      });
    case 'BackupVerificationFailed':
      return next({ backups: backup(event.payload.backupId, { verified: false, failed: event.payload.reason }) });
    case 'StepStarted':
      return next({ steps: { ...run.steps, [event.payload.stepId]: 'started' } });
    case 'StepCompleted':
      return next({ steps: { ...run.steps, [event.payload.stepId]: 'completed' } });
    case 'StepFailed':
      return next({ steps: { ...run.steps, [event.payload.stepId]: 'failed' } });
    case 'StepSkipped':
      return next({ steps: { ...run.steps, [event.payload.stepId]: 'skipped' } });
    case 'UpgradeApplied':
      return next({
        applied: true,
        appliedAt: event.payload.appliedAt,
        rollout: waveApplied(run.rollout, event.payload.appliedAt),
      });
    case 'ConfigurationSnapshotLinked': {
      // The latest snapshot of a target in a phase is the one the record compares.
      const { phase, assetId } = event.payload;
      return next({ snapshots: { ...run.snapshots, [phase]: { ...run.snapshots[phase], [assetId]: event.payload } } });
    }
    case 'AcceptanceCheckRecorded':
      return next({ checks: { ...run.checks, [event.payload.criterionId]: event.payload.outcome } });
    case 'LogReviewRecorded':
    case 'RollbackDryRunRecorded':
      return state;
    case 'AcceptancePassed':
      return next({ acceptance: 'passed' });
    case 'AcceptanceFailed':
      return next({ acceptance: 'failed' });
    case 'RollbackDecisionRequested':
      return next({ pendingDecision: event.payload });
    case 'RollbackDeclined':
      return next({ pendingDecision: null });
    case 'RollbackTriggered':
      return next({ rollback: event.payload, pendingDecision: null }, 'RollingBack');
    case 'RollbackCompleted':
      return next({}, 'RolledBack');
    case 'ForwardFixDeclared':
      return next({}, 'ForwardFixing');
    case 'ExecutionCompleted':
      return next({}, 'Completed');
    case 'RolloutStarted':
    case 'WaveAccepted':
    case 'WavePromoted':
    case 'WaveRolledBack':
    case 'WaveHeld':
    case 'WaveCancelled':
      return evolveRollout(run, event, next);
    default:
      return assertNever(event);
  }
}
