import type { BaselineCaptured, DomainEventOf, monitoringEvents, PayloadOf } from '@upgrade-control/contracts';

export type MonitoringEvent = DomainEventOf<(typeof monitoringEvents)[number]>;

export type Statistics = PayloadOf<typeof BaselineCaptured>['metrics'][string];

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

/** A trigger metric of one asset without a single sample over its evaluation window. */
export interface Silence {
  assetId: string;
  metric: string;
  triggerId: string | null;
  windowFrom: string;
  windowTo: string;
}

/** A metric of an asset that one of the plan's rollback triggers watches. */
export interface TriggerMetric {
  assetId: string;
  metric: string;
  triggerId: string | null;
}

export interface Watch {
  upgradeId: string;
  baselines: Record<string, Record<string, Statistics>>;
  /** Per asset, the end of the reference period its baseline was captured from. */
  baselineEnds: Record<string, string>;
  startsAt: string | null;
  endsAt: string | null;
  openRegressions: string[];
  /** The asset|metric keys whose no-data finding is open. */
  silent: string[];
  openIncidents: string[];
  followUps: Record<string, 'open' | 'closed'>;
}

/** RolledBack: execution rolled the upgrade back, so the period ended (or never began) without stability. */
export const MONITORING_STATUSES = ['Preparing', 'Monitoring', 'Stable', 'RolledBack', 'Compiled'] as const;
export type MonitoringStatus = (typeof MONITORING_STATUSES)[number];
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
  | {
      type: 'EvaluateMonitoring';
      now: Date;
      observations: Observation[];
      silences: Silence[];
      /** Every trigger metric of the plan, and when its window opens: each needs a baseline from before. */
      triggerMetrics: TriggerMetric[];
      windowStartsAt: string;
      extensionMinutes: number;
    }
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
  | { type: 'CompileRecord'; recordHash: string; eventCount: number }
  | { type: 'EndMonitoringByRollback'; upgradeId: string; now: Date; reason: string };

export type Command<T extends MonitoringCommand['type']> = Extract<MonitoringCommand, { type: T }>;

/** One metric of one asset: the key of its breach episodes. */
export const key = (assetId: string, metric: string) => `${assetId}|${metric}`;

export const watchOf = (state: MonitoringState): Watch | null => (state.status === 'New' ? null : state.watch);
