import { sqlMigration } from './sql-migration.js';

/**
 * The links of other services' hash chains each consumer holds (ADR 19): one row per event it took
 * off a consumed topic, handled or skipped, so a gap or a fork is seen against what it holds and a
 * redelivery of any held version is told from a different event at that version.
 */
export const ConsumedLinks1764619000000 = sqlMigration('ConsumedLinks1764619000000', {
  up: [
    `
      CREATE TABLE consumed_links (
        consumer        text NOT NULL,
        producer        text NOT NULL,
        stream_id       text NOT NULL,
        stream_version  integer NOT NULL CHECK (stream_version > 0),
        event_id        uuid NOT NULL,
        hash            char(64) NOT NULL,
        held_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, producer, stream_id, stream_version)
      )`,
  ],
  down: ['DROP TABLE consumed_links'],
});
