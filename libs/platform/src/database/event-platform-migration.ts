import { sqlMigration } from './sql-migration.js';

/**
 * The event store, the relay checkpoint and the consumer inbox. Events are append-only: the
 * database itself refuses UPDATE, DELETE and TRUNCATE, so no code path can rewrite history.
 */
export const EventPlatform1764000000000 = sqlMigration('EventPlatform1764000000000', {
  up: [
    `
      CREATE TABLE events (
        position        bigserial PRIMARY KEY,
        tx_id           xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid NOT NULL UNIQUE,
        stream_id       text NOT NULL,
        stream_version  integer NOT NULL CHECK (stream_version > 0),
        type            text NOT NULL,
        schema_version  integer NOT NULL,
        occurred_at     timestamptz NOT NULL,
        producer        text NOT NULL,
        correlation_id  text NOT NULL,
        causation_id    text,
        actor           jsonb NOT NULL,
        payload         jsonb NOT NULL,
        prev_hash       char(64),
        hash            char(64) NOT NULL,
        traceparent     text,
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`,
    `CREATE INDEX events_relay_order ON events (tx_id, position)`,
    `CREATE INDEX events_correlation ON events (correlation_id, position)`,
    `
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`,
    `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`,
    `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()`,
    `
      CREATE TABLE relay_checkpoints (
        relay       text PRIMARY KEY,
        tx_id       xid8 NOT NULL,
        position    bigint NOT NULL,
        published   bigint NOT NULL DEFAULT 0,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE processed_events (
        consumer      text NOT NULL,
        event_id      uuid NOT NULL,
        type          text NOT NULL,
        processed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
  ],
  down: [
    `DROP TABLE processed_events`,
    `DROP TABLE relay_checkpoints`,
    `DROP TABLE events`,
    `DROP FUNCTION events_refuse_change`,
  ],
});
