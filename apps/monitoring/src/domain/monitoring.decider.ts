import {
  accept,
  assertNever,
  illegalTransition,
  invalid,
  notFound,
  refuse,
  type Decider,
  type Decision,
} from '@upgrade-control/platform/domain';
import { acceptAnalysisFinding, captureAnalysisBaseline, measureAnalysis } from './monitoring/analysis.js';
import { evaluateMonitoring } from './monitoring/evaluation.js';
import { evolve } from './monitoring/evolve.js';
import { watchRollout } from './monitoring/rollout.js';
import {
  monitoringStarted,
  watchOf,
  type Command,
  type MonitoringCommand,
  type MonitoringEvent,
  type MonitoringState,
} from './monitoring/model.js';

export type {
  AnalysisTarget,
  MonitoringCommand,
  MonitoringEvent,
  MonitoringState,
  MonitoringStatus,
  Observation,
  Silence,
  TriggerMetric,
  Watch,
} from './monitoring/model.js';
export { MONITORING_STATUSES } from './monitoring/model.js';

function decide(command: MonitoringCommand, state: MonitoringState): Decision<MonitoringEvent> {
  switch (command.type) {
    case 'CaptureBaseline':
      return captureBaseline(command, state);
    case 'StartMonitoring':
      return startMonitoring(command, state);
    case 'WatchRollout':
      return watchRollout(command, state);
    case 'EvaluateMonitoring':
      return evaluateMonitoring(command, state);
    case 'CaptureAnalysisBaseline':
      return captureAnalysisBaseline(command, state);
    case 'MeasureAnalysis':
      return measureAnalysis(command, state);
    case 'AcceptAnalysisFinding':
      return acceptAnalysisFinding(command, state);
    case 'ReportIncident':
      return reportIncident(command, state);
    case 'ResolveIncident':
      return resolveIncident(command, state);
    case 'AddFollowUp':
      return addFollowUp(command, state);
    case 'CloseFollowUp':
      return closeFollowUp(command, state);
    case 'CompileRecord':
      return markRecordCompiled(command, state);
    case 'EndMonitoringByRollback':
      return endByRollback(command, state);
    default:
      return assertNever(command);
  }
}

function captureBaseline(command: Command<'CaptureBaseline'>, state: MonitoringState): Decision<MonitoringEvent> {
  const status = state.status;
  if (status === 'Monitoring' || status === 'Stable' || status === 'RolledBack' || status === 'Compiled')
    return refuse(illegalTransition(status, command.type));
  if (Object.keys(command.metrics).length === 0)
    return refuse(
      invalid('from', 'samples-exist', `no samples for ${command.assetId} between ${command.from} and ${command.to}`),
    );
  const { type: _, ...baseline } = command;
  return accept({ type: 'BaselineCaptured', payload: baseline });
}

function startMonitoring(command: Command<'StartMonitoring'>, state: MonitoringState): Decision<MonitoringEvent> {
  // Already started, over, or rolled back first (then it never starts): nothing to start.
  if (state.status !== 'New' && state.status !== 'Preparing') return accept();
  return accept(monitoringStarted(command));
}

/**
 * A rolled-back upgrade is never confirmed stable: its period ends here, or, when the rollback is
 * heard before acceptance (order across topics, ADR 10), it never starts. A period that already
 * ended (stable, rolled back, compiled) has nothing left to end.
 */
function endByRollback(command: Command<'EndMonitoringByRollback'>, state: MonitoringState): Decision<MonitoringEvent> {
  if (state.status !== 'New' && state.status !== 'Preparing' && state.status !== 'Monitoring') return accept();
  return accept({
    type: 'MonitoringEndedByRollback',
    payload: { upgradeId: command.upgradeId, endedAt: command.now.toISOString(), reason: command.reason },
  });
}

function reportIncident(command: Command<'ReportIncident'>, state: MonitoringState): Decision<MonitoringEvent> {
  if (state.status === 'Compiled') return refuse(illegalTransition(state.status, command.type));
  if (watchOf(state)?.openIncidents.includes(command.incidentId))
    return refuse(invalid('incidentId', 'unique', `incident ${command.incidentId} is already open`));
  const { type: _, ...incident } = command;
  return accept({ type: 'IncidentReported', payload: incident });
}

function resolveIncident(command: Command<'ResolveIncident'>, state: MonitoringState): Decision<MonitoringEvent> {
  const watch = watchOf(state);
  if (!watch?.openIncidents.includes(command.incidentId))
    return refuse(notFound(`no open incident ${command.incidentId}`));
  return accept({
    type: 'IncidentResolved',
    payload: { upgradeId: watch.upgradeId, incidentId: command.incidentId, resolution: command.resolution },
  });
}

function addFollowUp(command: Command<'AddFollowUp'>, state: MonitoringState): Decision<MonitoringEvent> {
  if (watchOf(state)?.followUps[command.followUpId])
    return refuse(invalid('followUpId', 'unique', `follow-up ${command.followUpId} exists`));
  const { type: _, ...followUp } = command;
  return accept({ type: 'FollowUpAdded', payload: followUp });
}

function closeFollowUp(command: Command<'CloseFollowUp'>, state: MonitoringState): Decision<MonitoringEvent> {
  const watch = watchOf(state);
  if (watch?.followUps[command.followUpId] !== 'open')
    return refuse(notFound(`no open follow-up ${command.followUpId}`));
  return accept({
    type: 'FollowUpClosed',
    payload: { upgradeId: watch.upgradeId, followUpId: command.followUpId, resolution: command.resolution },
  });
}

function markRecordCompiled(command: Command<'CompileRecord'>, state: MonitoringState): Decision<MonitoringEvent> {
  if (state.status === 'New' || state.status === 'Compiled') return accept();
  return accept({
    type: 'UpgradeRecordCompiled',
    payload: { upgradeId: state.watch.upgradeId, recordHash: command.recordHash, eventCount: command.eventCount },
  });
}

export const monitoringDecider: Decider<MonitoringCommand, MonitoringEvent, MonitoringState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'New' }),
};

export const monitoringStreamId = (upgradeId: string) => `monitoring-${upgradeId}`;
