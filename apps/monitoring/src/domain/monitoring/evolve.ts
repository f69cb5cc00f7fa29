import { assertNever } from '@upgrade-control/platform/domain';
import { key, type MonitoringEvent, type MonitoringState, type MonitoringStatus, type Watch } from './model.js';

const empty = (upgradeId: string): Watch => ({
  upgradeId,
  baselines: {},
  baselineEnds: {},
  startsAt: null,
  endsAt: null,
  openRegressions: [],
  silent: [],
  openIncidents: [],
  followUps: {},
});

export function evolve(state: MonitoringState, event: MonitoringEvent): MonitoringState {
  const watch = state.status === 'New' ? empty(event.payload.upgradeId) : state.watch;
  const status: MonitoringStatus = state.status === 'New' ? 'Preparing' : state.status;
  const next = (changes: Partial<Watch>, to: MonitoringStatus = status): MonitoringState => ({
    status: to,
    watch: { ...watch, ...changes },
  });
  switch (event.type) {
    case 'BaselineCaptured':
      return next({
        baselines: { ...watch.baselines, [event.payload.assetId]: event.payload.metrics },
        baselineEnds: { ...watch.baselineEnds, [event.payload.assetId]: event.payload.to },
      });
    case 'MonitoringStarted':
      return next({ startsAt: event.payload.startsAt, endsAt: event.payload.endsAt }, 'Monitoring');
    case 'RegressionDetected':
      return next({ openRegressions: [...watch.openRegressions, key(event.payload.assetId, event.payload.metric)] });
    case 'RegressionResolved':
      return next({
        openRegressions: watch.openRegressions.filter((k) => k !== key(event.payload.assetId, event.payload.metric)),
      });
    case 'NoDataDetected':
      return next({ silent: [...watch.silent, key(event.payload.assetId, event.payload.metric)] });
    case 'DataResumed':
      return next({ silent: watch.silent.filter((k) => k !== key(event.payload.assetId, event.payload.metric)) });
    case 'IncidentReported':
      return next({ openIncidents: [...watch.openIncidents, event.payload.incidentId] });
    case 'IncidentResolved':
      return next({ openIncidents: watch.openIncidents.filter((i) => i !== event.payload.incidentId) });
    case 'MonitoringExtended':
      return next({ endsAt: event.payload.newEndsAt });
    case 'StabilityConfirmed':
      return next({}, 'Stable');
    case 'MonitoringEndedByRollback':
      return next({}, 'RolledBack');
    case 'FollowUpAdded':
      return next({ followUps: { ...watch.followUps, [event.payload.followUpId]: 'open' } });
    case 'FollowUpClosed':
      return next({ followUps: { ...watch.followUps, [event.payload.followUpId]: 'closed' } });
    case 'UpgradeRecordCompiled':
      return next({}, 'Compiled');
    // The analysis runner's state arrives with issue 17's monitoring step; until then these change nothing here.
    case 'AnalysisBaselineCaptured':
    case 'AnalysisMeasured':
    case 'AnalysisConcluded':
      return next({});
    default:
      return assertNever(event);
  }
}
