import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { Database, type CursorPosition, type Transaction } from '@upgrade-control/platform';
import {
  compareCursors,
  RecordLog,
  type HistoryRow,
  type RecordCursor,
  type RecordFilter,
  type RecordPage,
} from '../application/record-log.js';

/**
 * Every transaction of this database with a lower id has ended: rows below it are final. The
 * platform's horizon (ADR 11), so a transaction open in another database holds nothing back.
 */
const COMMIT_HORIZON = 'uc_commit_horizon()';

type EnvelopeRow = { envelope: EventEnvelope };
type HistoryDbRow = { at: string; seq: string; envelope: EventEnvelope };
type PageRow = { horizon: string; tx_id: string | null; seq: string; type: string; envelope: EventEnvelope };

/** The record log in `record_events` (written by record-log.projection.ts). */
@Injectable()
export class SqlRecordLog extends RecordLog {
  constructor(private readonly db: Database) {
    super();
  }

  async forUpgrade(upgradeId: string, tx?: Transaction): Promise<EventEnvelope[]> {
    const rows = await this.db.query<EnvelopeRow>(
      'SELECT envelope FROM record_events WHERE upgrade_id = $1 ORDER BY seq',
      [upgradeId],
      tx,
    );
    return rows.map((r) => r.envelope);
  }

  /**
   * Keyset over orderEvents' key, in "C" collation so SQL and the cursor agree byte for byte; seq
   * breaks a tie no published pair of events should have. The cursor's instant is occurred_at to
   * the microsecond in UTC (an envelope may carry an offset, which a cursor does not accept).
   */
  async history(upgradeId: string, after: CursorPosition | null, limit: number): Promise<HistoryRow[]> {
    const [occurredAt = null, producer = null, streamId = null, streamVersion = null, seq = null] = after ?? [];
    const rows = await this.db.query<HistoryDbRow>(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, seq::text AS seq, envelope
         FROM record_events
        WHERE upgrade_id = $1
          AND ($2::timestamptz IS NULL OR
               (occurred_at, producer COLLATE "C", (envelope->>'streamId') COLLATE "C", (envelope->>'streamVersion')::int, seq)
                 > ($2::timestamptz, $3::text COLLATE "C", $4::text COLLATE "C", $5::int, $6::bigint))
        ORDER BY occurred_at, producer COLLATE "C", (envelope->>'streamId') COLLATE "C", (envelope->>'streamVersion')::int, seq
        LIMIT $7`,
      [upgradeId, occurredAt, producer, streamId, streamVersion, seq, limit],
    );
    return rows.map(({ at, seq, envelope }) => ({
      position: [at, envelope.producer, envelope.streamId, envelope.streamVersion, Number(seq)],
      envelope,
    }));
  }

  async streamsOf(upgradeId: string): Promise<string[]> {
    const rows = await this.db.query<{ stream: string }>(
      `SELECT DISTINCT producer || '/' || (envelope->>'streamId') AS stream FROM record_events WHERE upgrade_id = $1`,
      [upgradeId],
    );
    return rows.map((r) => r.stream);
  }

  /** The commit horizon as a cursor: every row below it is final, every later one comes after it. */
  async head(): Promise<RecordCursor> {
    const [row] = await this.db.query<{ horizon: string }>(`SELECT ${COMMIT_HORIZON}::text AS horizon`);
    return { txId: row!.horizon, seq: '0' };
  }

  /**
   * Matching rows after the cursor, in commit order (tx_id, seq), only from transactions below
   * the commit horizon, so no row can still appear before them.
   */
  async page(after: RecordCursor, filter: RecordFilter, limit: number): Promise<RecordPage> {
    // ORDER BY names the table: a bare tx_id would mean the text column selected here, and text
    // order ('10' < '9') would skip rows once transaction ids grow a digit.
    const rows = await this.db.query<PageRow>(
      `SELECT h.horizon::text AS horizon, r.tx_id, r.seq, r.type, r.envelope
         FROM (SELECT ${COMMIT_HORIZON} AS horizon) h
         LEFT JOIN LATERAL (
           SELECT record_events.tx_id::text AS tx_id, record_events.seq::text AS seq, type, envelope
             FROM record_events
            WHERE (record_events.tx_id, record_events.seq) > ($1::xid8, $2::bigint)
              AND record_events.tx_id < h.horizon
              AND ($3::text IS NULL OR upgrade_id = $3) AND ($4::text[] IS NULL OR type = ANY($4))
              AND ($6::text[] IS NULL OR producer || '/' || (envelope->>'streamId') = ANY($6))
            ORDER BY record_events.tx_id, record_events.seq
            LIMIT $5) r ON true`,
      [after.txId, after.seq, filter.upgradeId ?? null, filter.types ?? null, limit, filter.streams ?? null],
    );
    const found = rows.filter((r) => r.tx_id !== null);
    const events = found.map((r) => ({ cursor: { txId: r.tx_id!, seq: r.seq }, type: r.type, envelope: r.envelope }));
    const last = events.at(-1)?.cursor ?? after;
    // A short page holds every matching row below the horizon; any row still to come has a
    // transaction id at or above it (the oldest running one, or a later one).
    const horizon = { txId: rows[0]!.horizon, seq: '0' };
    const next = events.length < limit && compareCursors(horizon, last) > 0 ? horizon : last;
    return { events, next };
  }
}
