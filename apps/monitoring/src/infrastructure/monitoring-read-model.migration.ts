import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Metric samples (a time series, not events), plans, monitoring periods and the merged audit log. */
export class MonitoringReadModel1764000000400 implements MigrationInterface {
  name = 'MonitoringReadModel1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE metric_samples (
        asset_id text NOT NULL,
        metric   text NOT NULL,
        ts       timestamptz NOT NULL,
        value    double precision NOT NULL
      )`);
    await q.query(`CREATE INDEX metric_samples_window ON metric_samples (asset_id, metric, ts)`);
    await q.query(`
      CREATE TABLE upgrade_plans (
        upgrade_id text PRIMARY KEY,
        plan       jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE monitoring_periods (
        upgrade_id text PRIMARY KEY,
        ends_at    timestamptz NOT NULL,
        active     boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE record_events (
        seq         bigserial PRIMARY KEY,
        event_id    uuid NOT NULL UNIQUE,
        upgrade_id  text NOT NULL,
        type        text NOT NULL,
        producer    text NOT NULL,
        occurred_at timestamptz NOT NULL,
        envelope    jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX record_events_upgrade ON record_events (upgrade_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE record_events, monitoring_periods, upgrade_plans, metric_samples`);
  }
}
