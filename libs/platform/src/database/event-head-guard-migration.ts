import { sqlMigration } from './sql-migration.js';

/** The SQLSTATE the guard raises. */
export const HEAD_MOVED = 'UC409';

/**
 * The guard of an append after an existing head (ADR 9): it raises instead of letting the INSERT
 * write nothing, so that a read-model change written by the same statement is undone with it.
 */
export const EventHeadGuard1764200000000 = sqlMigration('EventHeadGuard1764200000000', {
  up: [
    `
      CREATE FUNCTION events_expect_head(head_stream text, head_version integer, head_hash text)
        RETURNS boolean LANGUAGE plpgsql STABLE AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM events
                        WHERE stream_id = head_stream AND stream_version = head_version AND hash = head_hash) THEN
          RAISE EXCEPTION 'stream % has no event % with hash %', head_stream, head_version, head_hash
            USING ERRCODE = '${HEAD_MOVED}';
        END IF;
        RETURN true;
      END $$`,
  ],
  down: ['DROP FUNCTION events_expect_head'],
});
