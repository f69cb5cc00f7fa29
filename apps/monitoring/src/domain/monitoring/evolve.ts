import { assertNever } from '@upgrade-control/platform/domain';
import { advance, noProgress } from './analysis-progress.js';
import { key, type MonitoringEvent, type MonitoringState, type MonitoringStatus, type Watch } from './model.js';

const empty = (upgradeId: string): Watch => ({
  upgradeId,
  assetIds: [],
  baselines: {},
  baselineEnds: {},
  startsAt: null,
  endsAt: null,
  openRegressions: [],
  silent: [],
  openIncidents: [],
  followUps: {},
  analyses: {},
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
      return next(
        { assetIds: event.payload.assetIds, startsAt: event.payload.startsAt, endsAt: event.payload.endsAt },
        'Monitoring',
      );
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
    case 'MonitoringWidened':
      return next({
        assetIds: [...watch.assetIds, ...event.payload.assetIds.filter((a) => !watch.assetIds.includes(a))],
      });
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
    case 'AnalysisBaselineCaptured': {
      const k = key(event.payload.assetId, event.payload.metric);
      const progress = { ...(watch.analyses[k] ?? noProgress()), baseline: event.payload.values };
      return next({ analyses: { ...watch.analyses, [k]: progress } });
    }
    case 'AnalysisMeasured': {
      const k = key(event.payload.assetId, event.payload.metric);
      const progress = advance(watch.analyses[k] ?? noProgress(), event.payload.verdict);
      return next({ analyses: { ...watch.analyses, [k]: progress } });
    }
    case 'AnalysisConcluded': {
      const k = key(event.payload.assetId, event.payload.metric);
      const progress = { ...(watch.analyses[k] ?? noProgress()), outcome: event.payload.outcome };
      return next({ analyses: { ...watch.analyses, [k]: progress } });
    }
    case 'AnalysisFindingAccepted': {
      const k = key(event.payload.assetId, event.payload.metric);
      const progress = { ...(watch.analyses[k] ?? noProgress()), accepted: true };
      return next({ analyses: { ...watch.analyses, [k]: progress } });
    }
    default:
      return assertNever(event);
  }
}
