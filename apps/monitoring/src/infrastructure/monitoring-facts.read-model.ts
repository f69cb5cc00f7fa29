import { Injectable } from '@nestjs/common';
import { Database, EventStore, type Transaction } from '@upgrade-control/platform';
import { upcast, type AnalysisMetric, type EventEnvelope } from '@upgrade-control/contracts';
import { fold } from '@upgrade-control/platform/domain';
import {
  MonitoringFacts,
  type MetricStatistics,
  type ReadyPlan,
  type SampleWindow,
} from '../application/monitoring-facts.js';
import type { TargetLabels } from '../domain/analysis/promql-template.js';
import { monitoringDecider, monitoringStreamId, type MonitoringState } from '../domain/monitoring.decider.js';
import { toRecordEvent } from '../domain/upgrade-record/record-event.js';
import { rollout, type Rollout } from '../domain/upgrade-record/waves.js';

/** The events the rollout's timeline reads: execution's start, its applies and every wave transition. */
const ROLLOUT_EVENTS = [
  'ExecutionStarted',
  'RolloutStarted',
  'UpgradeApplied',
  'WaveAccepted',
  'WavePromoted',
  'WaveRolledBack',
  'WaveHeld',
  'WaveCancelled',
];

// float8 aggregates arrive as numbers; Number() keeps that true whatever the driver's parsers.
type StatisticsRow = { metric: string; mean: number; p95: number; max: number; samples: number };
/** What labels a target: AssetRegistered (site, node) or AssetDetailsUpdated (changes.site, changes.node). */
type LocationFields = { site?: string; node?: string };
type AssetLabelPayload = LocationFields & { assetId: string; changes?: LocationFields };
type WindowRow = { n: number; low: number | null; high: number | null; mean: number | null };

/** Monitoring's facts from its event store and read models (upgrade_plans, monitoring_periods, metric_samples, record_events). */
@Injectable()
export class SqlMonitoringFacts extends MonitoringFacts {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {
    super();
  }

  async state(upgradeId: string): Promise<MonitoringState> {
    return (await this.versionedState(upgradeId)).state;
  }

  async versionedState(upgradeId: string): Promise<{ state: MonitoringState; streamVersion: number }> {
    const history = await this.store.readStream(monitoringStreamId(upgradeId));
    return { state: fold(monitoringDecider, history), streamVersion: history.length };
  }

  async plan(upgradeId: string): Promise<ReadyPlan | null> {
    const row = await this.db.one<{ plan: ReadyPlan }>('SELECT plan FROM upgrade_plans WHERE upgrade_id = $1', [
      upgradeId,
    ]);
    return row?.plan ?? null;
  }

  async targetsOf(upgradeId: string, tx: Transaction): Promise<string[]> {
    const targets = await this.planField<{ assetId: string }[]>(upgradeId, 'targets', tx);
    return (targets ?? []).map((t) => t.assetId);
  }

  async monitoringMinutesOf(upgradeId: string, tx: Transaction): Promise<number> {
    return (await this.planField<number>(upgradeId, 'monitoringMinutes', tx)) ?? 0;
  }

  /** A field of the plan execution started with, or else of the plan as planning last published it. */
  private async planField<T>(upgradeId: string, field: string, tx: Transaction): Promise<T | null> {
    const row = await this.db.one<{ value: T | null }>(
      `SELECT coalesce(
         (SELECT envelope->'payload'->'plan'->$2 FROM record_events
           WHERE upgrade_id = $1 AND type = 'ExecutionStarted' ORDER BY seq DESC LIMIT 1),
         (SELECT plan->$2 FROM upgrade_plans WHERE upgrade_id = $1)) AS value`,
      [upgradeId, field],
      tx,
    );
    return row?.value ?? null;
  }

  async rollout(upgradeId: string, tx?: Transaction): Promise<Rollout> {
    // One execution stream on one partition: seq keeps its order.
    const rows = await this.db.query<{ envelope: EventEnvelope }>(
      'SELECT envelope FROM record_events WHERE upgrade_id = $1 AND type = ANY($2) ORDER BY seq',
      [upgradeId, ROLLOUT_EVENTS],
      tx,
    );
    return rows.map((r) => toRecordEvent(r.envelope)).reduce(rollout.evolve, rollout.initial());
  }

  async analysis(upgradeId: string): Promise<AnalysisMetric[]> {
    // A later definition replaces an earlier one; the plan's stream is one partition, so seq keeps its order.
    const row = await this.db.one<{ metrics: AnalysisMetric[] }>(
      `SELECT envelope->'payload'->'metrics' AS metrics FROM record_events
        WHERE upgrade_id = $1 AND type = 'AnalysisDefined' ORDER BY seq DESC LIMIT 1`,
      [upgradeId],
    );
    return row?.metrics ?? [];
  }

  async labels(assetIds: readonly string[]): Promise<TargetLabels[]> {
    // Inventory's events as published: registration and later detail changes, upcast (version 1 of
    // AssetRegistered carried site and node as one location string).
    const rows = await this.db.query<{ envelope: EventEnvelope }>(
      `SELECT envelope FROM record_events
        WHERE type IN ('AssetRegistered', 'AssetDetailsUpdated') AND envelope->'payload'->>'assetId' = ANY($1)
        ORDER BY seq`,
      [assetIds],
    );
    const labels = new Map<string, TargetLabels>(assetIds.map((assetId) => [assetId, { assetId }]));
    for (const { envelope } of rows) {
      const payload = upcast<AssetLabelPayload>(envelope).payload;
      const { site, node } = payload.changes ?? payload;
      const known = labels.get(payload.assetId)!;
      labels.set(payload.assetId, {
        ...known,
        ...(site !== undefined && { site }),
        ...(node !== undefined && { node }),
      });
    }
    return [...labels.values()];
  }

  async monitoredUpgrades(): Promise<string[]> {
    const rows = await this.db.query<{ upgradeId: string }>(
      'SELECT upgrade_id AS "upgradeId" FROM monitoring_periods WHERE active',
    );
    return rows.map((r) => r.upgradeId);
  }

  async baseline(assetId: string, from: string, to: string): Promise<Record<string, MetricStatistics>> {
    const rows = await this.db.query<StatisticsRow>(
      `SELECT metric, avg(value) AS mean, percentile_cont(0.95) WITHIN GROUP (ORDER BY value) AS p95, max(value) AS max, count(*)::int AS samples
         FROM metric_samples WHERE asset_id = $1 AND ts >= $2 AND ts < $3 GROUP BY metric ORDER BY metric`,
      [assetId, from, to],
    );
    return Object.fromEntries(
      rows.map(({ metric, ...s }) => [
        metric,
        { mean: Number(s.mean), p95: Number(s.p95), max: Number(s.max), samples: s.samples },
      ]),
    );
  }

  async window(assetId: string, metric: string, from: Date, to: Date): Promise<SampleWindow | null> {
    const w = await this.db.one<WindowRow>(
      'SELECT count(*)::int AS n, min(value) AS low, max(value) AS high, avg(value) AS mean FROM metric_samples WHERE asset_id = $1 AND metric = $2 AND ts > $3 AND ts <= $4',
      [assetId, metric, from.toISOString(), to.toISOString()],
    );
    if (!w || w.n === 0) return null;
    return { low: Number(w.low), high: Number(w.high), mean: Number(w.mean) };
  }
}
