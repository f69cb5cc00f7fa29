import { assertNever, notFound, refuse, type Decider, type Decision } from '@upgrade-control/platform/domain';
import type { ExecutionCommand } from './execution.commands.js';
import type { ExecutionEvent, ExecutionState } from './execution.state.js';
import { recordAcceptanceCheck, recordLogReview } from './execution/acceptance.js';
import { applyUpgrade } from './execution/apply.js';
import { recordConfigurationSnapshot } from './execution/configuration-snapshots.js';
import { recordBackupTaken, verifyBackup } from './execution/backups.js';
import { completeStep, failStep, skipStep, startStep } from './execution/runbook.js';
import { evolve } from './execution/evolve.js';
import {
  completeExecution,
  completeRollback,
  declareForwardFix,
  decideRollback,
  reactToRegression,
  triggerRollback,
  watchDeadlines,
} from './execution/rollback-and-deadlines.js';
import { startExecution } from './execution/start.js';
import { promoteWave } from './execution/promote.js';

function decide(command: ExecutionCommand, state: ExecutionState): Decision<ExecutionEvent> {
  if (command.type === 'StartExecution') return startExecution(command, state);
  // Every other command acts on an execution that has started.
  if (state.status === 'NotStarted') return refuse(notFound('no execution has started for this upgrade'));
  switch (command.type) {
    case 'RecordBackupTaken':
      return recordBackupTaken(command, state);
    case 'VerifyBackup':
      return verifyBackup(command, state);
    case 'StartStep':
      return startStep(command, state);
    case 'CompleteStep':
      return completeStep(command, state);
    case 'FailStep':
      return failStep(command, state);
    case 'SkipStep':
      return skipStep(command, state);
    case 'RecordConfigurationSnapshot':
      return recordConfigurationSnapshot(command, state);
    case 'ApplyUpgrade':
      return applyUpgrade(command, state);
    case 'RecordAcceptanceCheck':
      return recordAcceptanceCheck(command, state);
    case 'RecordLogReview':
      return recordLogReview(command, state);
    case 'TriggerRollback':
      return triggerRollback(command, state);
    case 'DecideRollback':
      return decideRollback(command, state);
    case 'ReactToRegression':
      return reactToRegression(command, state);
    case 'WatchDeadlines':
      return watchDeadlines(command, state);
    case 'CompleteRollback':
      return completeRollback(command, state);
    case 'DeclareForwardFix':
      return declareForwardFix(command, state);
    case 'CompleteExecution':
      return completeExecution(command, state);
    case 'PromoteWave':
      return promoteWave(command, state);
    default:
      return assertNever(command);
  }
}

export const executionDecider: Decider<ExecutionCommand, ExecutionEvent, ExecutionState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'NotStarted' }),
};

export const executionStreamId = (upgradeId: string) => `execution-${upgradeId}`;
