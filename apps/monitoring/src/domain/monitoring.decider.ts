import type { BaselineCaptured, DomainEventOf, monitoringEvents, PayloadOf } from '@upgrade-control/contracts';
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

export type MonitoringEvent = DomainEventOf<(typeof monitoringEvents)[number]>;

type Statistics = PayloadOf<typeof BaselineCaptured>['metrics'][string];

/** One metric of one asset over the live window, as the detector measured it. */
export interface Observation {
  assetId: string;
  metric: string;
  triggerId: string | null;
  baseline: number;
  observed: number;
  threshold: number;
  breached: boolean;
  windowFrom: string;
  windowTo: string;
}

export interface Watch {
  upgradeId: string;
  baselines: Record<string, Record<string, Statistics>>;
  endsAt: string | null;
  openRegressions: string[];
  openIncidents: string[];
  followUps: Record<string, 'open' | 'closed'>;
}

export type MonitoringStatus = 'Preparing' | 'Monitoring' | 'Stable' | 'Compiled';
export type MonitoringState = { status: 'New' } | { status: MonitoringStatus; watch: Watch };

export type MonitoringCommand =
  | {
      type: 'CaptureBaseline';
      upgradeId: string;
      assetId: string;
      from: string;
      to: string;
      metrics: Record<string, Statistics>;
    }
  | { type: 'StartMonitoring'; upgradeId: string; assetIds: string[]; now: Date; minutes: number }
  | { type: 'EvaluateMonitoring'; now: Date; observations: Observation[]; extensionMinutes: number }
  | {
      type: 'ReportIncident';
      upgradeId: string;
      incidentId: string;
      summary: string;
      severity: 'minor' | 'major' | 'critical';
      reportedBy: string;
    }
  | { type: 'ResolveIncident'; incidentId: string; resolution: string }
  | {
      type: 'AddFollowUp';
      upgradeId: string;
      followUpId: string;
      description: string;
      owner: string;
      dueOn: string | null;
    }
  | { type: 'CloseFollowUp'; followUpId: string; resolution: string }
  | { type: 'CompileRecord'; recordHash: string; eventCount: number };

const key = (assetId: string, metric: string) => `${assetId}|${metric}`;

type Command<T extends MonitoringCommand['type']> = Extract<MonitoringCommand, { type: T }>;

function decide(command: MonitoringCommand, state: MonitoringState): Decision<MonitoringEvent> {
  switch (command.type) {
    case 'CaptureBaseline':
      return captureBaseline(command, state);
    case 'StartMonitoring':
      return startMonitoring(command, state);
    case 'EvaluateMonitoring':
      return evaluateMonitoring(command, state);
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
    default:
      return assertNever(command);
  }
}

const watchOf = (state: MonitoringState): Watch | null => (state.status === 'New' ? null : state.watch);

function captureBaseline(command: Command<'CaptureBaseline'>, state: MonitoringState): Decision<MonitoringEvent> {
  const status = state.status;
  if (status === 'Monitoring' || status === 'Stable' || status === 'Compiled')
    return refuse(illegalTransition(status, command.type));
  if (Object.keys(command.metrics).length === 0)
    return refuse(
      invalid('from', 'samples-exist', `no samples for ${command.assetId} between ${command.from} and ${command.to}`),
    );
  const { type: _, ...baseline } = command;
  return accept({ type: 'BaselineCaptured', payload: baseline });
}

function startMonitoring(command: Command<'StartMonitoring'>, state: MonitoringState): Decision<MonitoringEvent> {
  if (state.status !== 'New' && state.status !== 'Preparing') return accept();
  const endsAt = new Date(command.now.getTime() + command.minutes * 60_000).toISOString();
  return accept({
    type: 'MonitoringStarted',
    payload: {
      upgradeId: command.upgradeId,
      assetIds: command.assetIds,
      startsAt: command.now.toISOString(),
      endsAt,
    },
  });
}

function evaluateMonitoring(command: Command<'EvaluateMonitoring'>, state: MonitoringState): Decision<MonitoringEvent> {
  if (state.status !== 'Monitoring') return accept();
  const w = state.watch;
  const open = new Set(w.openRegressions);
  const events = breachEpisodes(command, w.upgradeId, open);
  if (w.endsAt && command.now.getTime() >= Date.parse(w.endsAt)) events.push(periodEnd(command, w, open));
  return accept(...events);
}

/** One event per breach episode: it opens once and closes once. Updates `open` as it goes. */
function breachEpisodes(command: Command<'EvaluateMonitoring'>, upgradeId: string, open: Set<string>) {
  const events: MonitoringEvent[] = [];
  for (const o of command.observations) {
    const k = key(o.assetId, o.metric);
    if (o.breached && !open.has(k)) {
      events.push({
        type: 'RegressionDetected',
        payload: {
          upgradeId,
          assetId: o.assetId,
          metric: o.metric,
          triggerId: o.triggerId,
          baseline: o.baseline,
          observed: o.observed,
          threshold: o.threshold,
          windowFrom: o.windowFrom,
          windowTo: o.windowTo,
        },
      });
      open.add(k);
    } else if (!o.breached && open.has(k)) {
      events.push({
        type: 'RegressionResolved',
        payload: {
          upgradeId,
          assetId: o.assetId,
          metric: o.metric,
          observed: o.observed,
          resolvedAt: command.now.toISOString(),
        },
      });
      open.delete(k);
    }
  }
  return events;
}

/** The period is over: stable when nothing is open, else it goes on. */
function periodEnd(command: Command<'EvaluateMonitoring'>, w: Watch, open: Set<string>): MonitoringEvent {
  const openItems = [
    ...[...open].map((k) => `regression ${k.replace('|', ' ')}`),
    ...w.openIncidents.map((i) => `incident ${i}`),
  ];
  if (openItems.length) {
    const newEndsAt = new Date(command.now.getTime() + command.extensionMinutes * 60_000).toISOString();
    return { type: 'MonitoringExtended', payload: { upgradeId: w.upgradeId, newEndsAt, openItems } };
  }
  return { type: 'StabilityConfirmed', payload: { upgradeId: w.upgradeId, confirmedAt: command.now.toISOString() } };
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

const empty = (upgradeId: string): Watch => ({
  upgradeId,
  baselines: {},
  endsAt: null,
  openRegressions: [],
  openIncidents: [],
  followUps: {},
});

function evolve(state: MonitoringState, event: MonitoringEvent): MonitoringState {
  const watch = state.status === 'New' ? empty(event.payload.upgradeId) : state.watch;
  const status: MonitoringStatus = state.status === 'New' ? 'Preparing' : state.status;
  const next = (changes: Partial<Watch>, to: MonitoringStatus = status): MonitoringState => ({
    status: to,
    watch: { ...watch, ...changes },
  });
  switch (event.type) {
    case 'BaselineCaptured':
      return next({ baselines: { ...watch.baselines, [event.payload.assetId]: event.payload.metrics } });
    case 'MonitoringStarted':
      return next({ endsAt: event.payload.endsAt }, 'Monitoring');
    case 'RegressionDetected':
      return next({ openRegressions: [...watch.openRegressions, key(event.payload.assetId, event.payload.metric)] });
    case 'RegressionResolved':
      return next({
        openRegressions: watch.openRegressions.filter((k) => k !== key(event.payload.assetId, event.payload.metric)),
      });
    case 'IncidentReported':
      return next({ openIncidents: [...watch.openIncidents, event.payload.incidentId] });
    case 'IncidentResolved':
      return next({ openIncidents: watch.openIncidents.filter((i) => i !== event.payload.incidentId) });
    case 'MonitoringExtended':
      return next({ endsAt: event.payload.newEndsAt });
    case 'StabilityConfirmed':
      return next({}, 'Stable');
    case 'FollowUpAdded':
      return next({ followUps: { ...watch.followUps, [event.payload.followUpId]: 'open' } });
    case 'FollowUpClosed':
      return next({ followUps: { ...watch.followUps, [event.payload.followUpId]: 'closed' } });
    case 'UpgradeRecordCompiled':
      return next({}, 'Compiled');
    default:
      return assertNever(event);
  }
}

export const monitoringDecider: Decider<MonitoringCommand, MonitoringEvent, MonitoringState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'New' }),
};

export const monitoringStreamId = (upgradeId: string) => `monitoring-${upgradeId}`;
