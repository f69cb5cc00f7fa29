import type { AnalysisMetric, PayloadOf, UpgradeReadyForExecution } from '@upgrade-control/contracts';
import type { Transaction } from '@upgrade-control/platform';
import type { TargetLabels } from '../domain/analysis/promql-template.js';
import type { MonitoringState } from '../domain/monitoring.decider.js';
import type { Rollout } from '../domain/upgrade-record/waves.js';

export type ReadyPlan = PayloadOf<typeof UpgradeReadyForExecution>;
export type MetricStatistics = { mean: number; p95: number; max: number; samples: number };
/** The samples of one metric of one asset in a window: there is at least one. */
export type SampleWindow = { low: number; high: number; mean: number };

/**
 * Port: the reads behind monitoring's decisions (its stream, the plan's thresholds, the periods
 * being watched, baselines and the live window of samples). Reactions pass their transaction.
 */
export abstract class MonitoringFacts {
  /** The upgrade's monitoring stream, folded. */
  abstract state(upgradeId: string): Promise<MonitoringState>;

  /** The state with the stream's version (the monitoring's ETag). */
  abstract versionedState(upgradeId: string): Promise<{ state: MonitoringState; streamVersion: number }>;

  /** The plan as last made ready for execution, or null when none was heard. */
  abstract plan(upgradeId: string): Promise<ReadyPlan | null>;

  /** The executed plan's targets: from its ExecutionStarted (same stream as acceptance), else the ready plan. */
  abstract targetsOf(upgradeId: string, tx: Transaction): Promise<string[]>;

  /** The executed plan's monitoring minutes: from its ExecutionStarted, else the ready plan; 0 when neither was heard. */
  abstract monitoringMinutesOf(upgradeId: string, tx: Transaction): Promise<number>;

  /**
   * The staged rollout as execution ran it so far (no waves without a RolloutStarted). How
   * monitoring learns the waves: its own events cannot carry them (their contracts stay as they
   * are), so the waves come from the record log, which holds every event as published, folded by
   * the same section that writes the record's timeline. RolloutStarted is on the execution stream
   * before any WaveAccepted, so a period opened by one always finds the waves here.
   */
  abstract rollout(upgradeId: string, tx?: Transaction): Promise<Rollout>;

  /** The plan's analysis metrics as last defined (AnalysisDefined), empty when none were. */
  abstract analysis(upgradeId: string): Promise<AnalysisMetric[]>;

  /** Each asset's labels for query templates: its id, and its site and node as inventory last told them. */
  abstract labels(assetIds: readonly string[]): Promise<TargetLabels[]>;

  /** The upgrades whose monitoring period is open: the detector's worklist. */
  abstract monitoredUpgrades(): Promise<string[]>;

  /** Mean, p95 and max per metric of an asset over a reference period [from, to). */
  abstract baseline(assetId: string, from: string, to: string): Promise<Record<string, MetricStatistics>>;

  /** Lowest, highest and mean sample of one metric in (from, to], or null when there is none. */
  abstract window(assetId: string, metric: string, from: Date, to: Date): Promise<SampleWindow | null>;
}
