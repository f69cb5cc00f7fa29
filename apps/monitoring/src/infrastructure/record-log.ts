import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import type { ProjectionStatement } from '@upgrade-control/platform';

/**
 * Every transaction of this database with a lower id has ended: rows below it are final. The
 * platform's horizon (ADR 11), so a transaction open in another database holds nothing back.
 */
export const COMMIT_HORIZON = 'uc_commit_horizon()';

/** A position in commit order: the writing transaction's id, then the row's seq (decimal strings). */
export interface RecordCursor {
  txId: string;
  seq: string;
}

const compareBig = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
export const compareCursors = (a: RecordCursor, b: RecordCursor): number =>
  compareBig(a.txId, b.txId) || compareBig(a.seq, b.seq);

export interface RecordFilter {
  upgradeId?: string;
  types?: string[];
}

export interface RecordPage {
  events: { cursor: RecordCursor; type: string; envelope: EventEnvelope }[];
  next: RecordCursor;
}

/**
 * Every event of all four services, as published (hashes intact), merged in one table: the
 * source of the upgrade record, the audit endpoints and the live stream.
 */
export const recordLogStatement = (stored: EventEnvelope): ProjectionStatement => ({
  sql: 'INSERT INTO record_events (event_id, upgrade_id, type, producer, occurred_at, envelope) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (event_id) DO NOTHING',
  parameters: [stored.eventId, stored.correlationId, stored.type, stored.producer, stored.occurredAt, stored],
});

@Injectable()
export class RecordLog {
  constructor(private readonly db: DataSource) {}

  async forUpgrade(upgradeId: string, tx: EntityManager | DataSource = this.db): Promise<EventEnvelope[]> {
    return (await tx.query('SELECT envelope FROM record_events WHERE upgrade_id = $1 ORDER BY seq', [upgradeId])).map(
      (r: { envelope: EventEnvelope }) => r.envelope,
    );
  }

  async all(): Promise<EventEnvelope[]> {
    return (await this.db.query('SELECT envelope FROM record_events ORDER BY seq')).map(
      (r: { envelope: EventEnvelope }) => r.envelope,
    );
  }

  /**
   * The live stream's next page: matching rows after the cursor, in commit order (tx_id, seq),
   * only from transactions below the commit horizon, so no row can still appear before them.
   * `next` is where the following read starts: past every row this one could have seen.
   */
  async page(after: RecordCursor, filter: RecordFilter, limit: number): Promise<RecordPage> {
    // ORDER BY names the table: a bare tx_id would mean the text column selected here, and text
    // order ('10' < '9') would skip rows once transaction ids grow a digit.
    const rows: { horizon: string; tx_id: string | null; seq: string; type: string; envelope: EventEnvelope }[] =
      await this.db.query(
        `SELECT h.horizon::text AS horizon, r.tx_id, r.seq, r.type, r.envelope
           FROM (SELECT ${COMMIT_HORIZON} AS horizon) h
           LEFT JOIN LATERAL (
             SELECT record_events.tx_id::text AS tx_id, record_events.seq::text AS seq, type, envelope
               FROM record_events
              WHERE (record_events.tx_id, record_events.seq) > ($1::xid8, $2::bigint)
                AND record_events.tx_id < h.horizon
                AND ($3::text IS NULL OR upgrade_id = $3) AND ($4::text[] IS NULL OR type = ANY($4))
              ORDER BY record_events.tx_id, record_events.seq
              LIMIT $5) r ON true`,
        [after.txId, after.seq, filter.upgradeId ?? null, filter.types ?? null, limit],
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
