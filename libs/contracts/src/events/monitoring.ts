import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { id, isoDateTime, nonEmptyText } from './common.js';
import {
  AnalysisBaselineCaptured,
  AnalysisConcluded,
  AnalysisFindingAccepted,
  AnalysisMeasured,
} from './monitoring-analysis.js';

export * from './monitoring-analysis.js';

const statistics = z.object({
  mean: z.number(),
  p95: z.number(),
  max: z.number(),
  samples: z.number().int().nonnegative(),
});

export const BaselineCaptured = defineEvent({
  type: 'BaselineCaptured',
  producer: 'monitoring',
  description: 'Normal behaviour of an asset before the upgrade, per metric.',
  schema: z.object({
    upgradeId: id,
    assetId: id,
    from: isoDateTime,
    to: isoDateTime,
    metrics: z.record(z.string(), statistics),
  }),
});

export const MonitoringStarted = defineEvent({
  type: 'MonitoringStarted',
  producer: 'monitoring',
  description: 'The post-release monitoring period began.',
  schema: z.object({ upgradeId: id, assetIds: z.array(id), startsAt: isoDateTime, endsAt: isoDateTime }),
});

export const RegressionDetected = defineEvent({
  type: 'RegressionDetected',
  producer: 'monitoring',
  description: 'A metric breached its threshold against the baseline; once per breach episode.',
  schema: z.object({
    upgradeId: id,
    assetId: id,
    metric: z.string().min(1),
    triggerId: id.nullable(),
    baseline: z.number(),
    observed: z.number(),
    threshold: z.number(),
    windowFrom: isoDateTime,
    windowTo: isoDateTime,
  }),
});

export const RegressionResolved = defineEvent({
  type: 'RegressionResolved',
  producer: 'monitoring',
  description: 'A breached metric is back within its threshold; the breach episode is over.',
  schema: z.object({
    upgradeId: id,
    assetId: id,
    metric: z.string().min(1),
    observed: z.number(),
    resolvedAt: isoDateTime,
  }),
});

export const NoDataDetected = defineEvent({
  type: 'NoDataDetected',
  producer: 'monitoring',
  description:
    'No sample of a trigger metric over its whole evaluation window in the period: a finding, once per silence; it blocks stability and acts as the trigger mode says.',
  schema: z.object({
    upgradeId: id,
    assetId: id,
    metric: z.string().min(1),
    triggerId: id.nullable(),
    windowFrom: isoDateTime,
    windowTo: isoDateTime,
  }),
});

export const DataResumed = defineEvent({
  type: 'DataResumed',
  producer: 'monitoring',
  description: 'Samples of a silent trigger metric arrive again; the no-data finding is over.',
  schema: z.object({ upgradeId: id, assetId: id, metric: z.string().min(1), resumedAt: isoDateTime }),
});

export const IncidentReported = defineEvent({
  type: 'IncidentReported',
  producer: 'monitoring',
  description: 'A user-feedback issue after release.',
  schema: z.object({
    upgradeId: id,
    incidentId: id,
    summary: nonEmptyText,
    severity: z.enum(['minor', 'major', 'critical']),
    reportedBy: id,
  }),
});

export const IncidentResolved = defineEvent({
  type: 'IncidentResolved',
  producer: 'monitoring',
  description: 'An incident was resolved.',
  schema: z.object({ upgradeId: id, incidentId: id, resolution: nonEmptyText }),
});

export const MonitoringExtended = defineEvent({
  type: 'MonitoringExtended',
  producer: 'monitoring',
  description: 'The period ended with an unresolved regression or incident, so it goes on.',
  schema: z.object({ upgradeId: id, newEndsAt: isoDateTime, openItems: z.array(z.string()) }),
});

export const MonitoringWidened = defineEvent({
  type: 'MonitoringWidened',
  producer: 'monitoring',
  description:
    "A staged rollout's next wave was accepted: its targets are watched from now on, with the waves' before them (a wave's targets are not watched before they run the new version).",
  schema: z.object({ upgradeId: id, assetIds: z.array(id).min(1), step: nonEmptyText }),
});

export const StabilityConfirmed = defineEvent({
  type: 'StabilityConfirmed',
  producer: 'monitoring',
  description: 'The period ended clean; the upgrade may close.',
  schema: z.object({ upgradeId: id, confirmedAt: isoDateTime }),
});

export const MonitoringEndedByRollback = defineEvent({
  type: 'MonitoringEndedByRollback',
  producer: 'monitoring',
  description:
    'Execution rolled the upgrade back: the period ends (or never starts) and stability is never confirmed for it.',
  schema: z.object({ upgradeId: id, endedAt: isoDateTime, reason: nonEmptyText }),
});

export const FollowUpAdded = defineEvent({
  type: 'FollowUpAdded',
  producer: 'monitoring',
  description: 'A known issue or follow-up action joins the upgrade record.',
  schema: z.object({
    upgradeId: id,
    followUpId: id,
    description: nonEmptyText,
    owner: id,
    dueOn: z.iso.date().nullable(),
  }),
});

export const FollowUpClosed = defineEvent({
  type: 'FollowUpClosed',
  producer: 'monitoring',
  description: 'A follow-up action was done.',
  schema: z.object({ upgradeId: id, followUpId: id, resolution: nonEmptyText }),
});

export const UpgradeRecordCompiled = defineEvent({
  type: 'UpgradeRecordCompiled',
  producer: 'monitoring',
  description: 'The upgrade record, compiled from the events when the upgrade closed, and its hash.',
  schema: z.object({
    upgradeId: id,
    recordHash: z.string().regex(/^[0-9a-f]{64}$/),
    eventCount: z.number().int().nonnegative(),
  }),
});

export const monitoringEvents = [
  BaselineCaptured,
  MonitoringStarted,
  RegressionDetected,
  RegressionResolved,
  NoDataDetected,
  DataResumed,
  IncidentReported,
  IncidentResolved,
  MonitoringExtended,
  MonitoringWidened,
  StabilityConfirmed,
  MonitoringEndedByRollback,
  FollowUpAdded,
  FollowUpClosed,
  UpgradeRecordCompiled,
  AnalysisBaselineCaptured,
  AnalysisMeasured,
  AnalysisConcluded,
  AnalysisFindingAccepted,
] as const;
