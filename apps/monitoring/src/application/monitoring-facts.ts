import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PayloadOf, UpgradeReadyForExecution } from '@upgrade-control/contracts';
import { EventStore } from '@upgrade-control/platform';
import { fold } from '@upgrade-control/platform/domain';
import {
  monitoringDecider,
  monitoringStreamId,
  type MonitoringState,
  type Observation,
  type Watch,
} from '../domain/monitoring.decider.js';

type Plan = PayloadOf<typeof UpgradeReadyForExecution>;
type Stats = { mean: number; p95: number; max: number; samples: number };

/** Reads behind monitoring's decisions: the plan's thresholds, baselines and the live window of samples. */
@Injectable()
export class MonitoringFacts {
  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
  ) {}

  async state(upgradeId: string): Promise<MonitoringState> {
    const history = await this.store.readStream(monitoringStreamId(upgradeId));
    return fold(monitoringDecider, history);
  }

  async plan(upgradeId: string): Promise<Plan | null> {
    return (await this.db.query('SELECT plan FROM upgrade_plans WHERE upgrade_id = $1', [upgradeId]))[0]?.plan ?? null;
  }

  /** Mean, p95 and max per metric of an asset over a reference period. */
  async baseline(assetId: string, from: string, to: string): Promise<Record<string, Stats>> {
    const rows: ({ metric: string } & Stats)[] = await this.db.query(
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

  /**
   * Each metric threshold of the plan's rollback triggers, on each target, over its sustained
   * window: breached only if every sample in the window is beyond the threshold.
   */
  async observations(plan: Plan, watch: Watch, now: Date): Promise<Observation[]> {
    const observations: Observation[] = [];
    for (const trigger of plan.rollback.triggers.filter(
      (t) => t.kind === 'metric-threshold' && t.metric && t.threshold !== null,
    )) {
      for (const { assetId } of plan.targets.filter((t) => !trigger.assetId || t.assetId === trigger.assetId)) {
        const baseline = watch.baselines[assetId]?.[trigger.metric!]?.mean;
        if (trigger.comparison === 'above-baseline-factor' && baseline === undefined) continue; // nothing to compare with
        const limit =
          trigger.comparison === 'above-baseline-factor' ? trigger.threshold! * baseline! : trigger.threshold!;
        const from = new Date(now.getTime() - (trigger.sustainedMinutes ?? 5) * 60_000);
        const [w] = await this.db.query(
          'SELECT count(*)::int AS n, min(value) AS low, max(value) AS high, avg(value) AS mean FROM metric_samples WHERE asset_id = $1 AND metric = $2 AND ts > $3 AND ts <= $4',
          [assetId, trigger.metric, from.toISOString(), now.toISOString()],
        );
        if (w.n === 0) continue;
        const breached = trigger.comparison === 'below-absolute' ? Number(w.high) < limit : Number(w.low) > limit;
        observations.push({
          assetId,
          metric: trigger.metric!,
          triggerId: trigger.triggerId,
          baseline: baseline ?? 0,
          observed: Number(w.mean),
          threshold: limit,
          breached,
          windowFrom: from.toISOString(),
          windowTo: now.toISOString(),
        });
      }
    }
    return observations;
  }
}
