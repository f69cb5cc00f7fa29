import { sqlMigration } from '@upgrade-control/platform';

/** Metric samples (a time series, not events), plans, monitoring periods and the merged audit log. */
export const MonitoringReadModel1764000000400 = sqlMigration('MonitoringReadModel1764000000400', {
  up: [
    `
      CREATE TABLE metric_samples (
        asset_id text NOT NULL,
        metric   text NOT NULL,
        ts       timestamptz NOT NULL,
        value    double precision NOT NULL
      )`,
    `CREATE INDEX metric_samples_window ON metric_samples (asset_id, metric, ts)`,
    `
      CREATE TABLE upgrade_plans (
        upgrade_id text PRIMARY KEY,
        plan       jsonb NOT NULL
      )`,
    `
      CREATE TABLE monitoring_periods (
        upgrade_id text PRIMARY KEY,
        ends_at    timestamptz NOT NULL,
        active     boolean NOT NULL
      )`,
    `
      CREATE TABLE record_events (
        seq         bigserial PRIMARY KEY,
        event_id    uuid NOT NULL UNIQUE,
        upgrade_id  text NOT NULL,
        type        text NOT NULL,
        producer    text NOT NULL,
        occurred_at timestamptz NOT NULL,
        envelope    jsonb NOT NULL
      )`,
    `CREATE INDEX record_events_upgrade ON record_events (upgrade_id, seq)`,
  ],
  down: [`DROP TABLE record_events, monitoring_periods, upgrade_plans, metric_samples`],
});
