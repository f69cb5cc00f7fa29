import type {
  AnalysisBaselineCaptured,
  AnalysisMetric,
  BaselineCaptured,
  DomainEventOf,
  monitoringEvents,
  PayloadOf,
} from '@upgrade-control/contracts';
import type { Measurement } from '../analysis/verdict.js';
import type { AnalysisProgress } from './analysis-progress.js';

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

/** An analysis metric of the plan on one of its targets. */
export interface AnalysisTarget {
  assetId: string;
  metric: AnalysisMetric;
}

export interface Watch {
  upgradeId: string;
  /** The targets watched, from MonitoringStarted (empty before it). */
  assetIds: string[];
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
  /** Per asset|metric key, each analysis metric's baseline and counters. */
  analyses: Record<string, AnalysisProgress>;
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
      /** A step of a staged rollout was accepted (a wave, or the whole upgrade after the last): watch at least `minutes` from now. */
      type: 'WatchRollout';
      upgradeId: string;
      assetIds: string[];
      now: Date;
      minutes: number;
      /** What was accepted, named in the extension: "wave second accepted", "acceptance passed". */
      step: string;
    }
  | {
      type: 'EvaluateMonitoring';
      now: Date;
      observations: Observation[];
      silences: Silence[];
      /** Every trigger metric of the plan, and when its window opens: each needs a baseline from before. */
      triggerMetrics: TriggerMetric[];
      windowStartsAt: string;
      extensionMinutes: number;
      /** Every analysis metric of the plan on each target: a failed or unconcluded one blocks stability. */
      analyses: AnalysisTarget[];
      /**
       * The rollout's waves not yet accepted, rolled back, held or cancelled (none without a
       * rollout): the period cannot end stable while the rollout still moves targets. Command
       * data, not state: monitoring's events do not carry the waves (see monitoring-facts.ts).
       */
      unsettledWaves: string[];
    }
  | {
      type: 'CaptureAnalysisBaseline';
      assetId: string;
      metric: string;
      query: string;
      periods: PayloadOf<typeof AnalysisBaselineCaptured>['periods'];
      values: number[];
      now: Date;
    }
  | {
      type: 'MeasureAnalysis';
      assetId: string;
      metric: AnalysisMetric;
      run: number;
      /** The query as run for this target (its labels in place). */
      query: string;
      from: Date;
      to: Date;
      measurement: Measurement;
      now: Date;
    }
  | {
      type: 'AcceptAnalysisFinding';
      /** The trigger execution's decision named (analysisTriggerId); one of no analysis here is ignored. */
      triggerId: string;
      acceptedBy: string;
      reason: string;
      now: Date;
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
/** The asset and metric a key names, split at its first "|" (a metric name may hold one too). */
export const unkey = (k: string): [assetId: string, metric: string] => {
  const at = k.indexOf('|');
  return [k.slice(0, at), k.slice(at + 1)];
};

export const watchOf = (state: MonitoringState): Watch | null => (state.status === 'New' ? null : state.watch);

/** The period opens now and runs `minutes`, over the targets given. */
export const monitoringStarted = (c: {
  upgradeId: string;
  assetIds: string[];
  now: Date;
  minutes: number;
}): MonitoringEvent => ({
  type: 'MonitoringStarted',
  payload: {
    upgradeId: c.upgradeId,
    assetIds: c.assetIds,
    startsAt: c.now.toISOString(),
    endsAt: new Date(c.now.getTime() + c.minutes * 60_000).toISOString(),
  },
});
