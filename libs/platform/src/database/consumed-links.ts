import type { EventEnvelope } from '@upgrade-control/contracts';
import {
  judgeLink,
  LinksInMemory,
  type HeldLink,
  type HeldStream,
  type LinkJudgment,
} from '../messaging/chain-continuity.js';
import type { Database, Transaction } from './database.js';

interface Row {
  root: number | null;
  head: number | null;
  stream_version: number | null;
  event_id: string | null;
  hash: string | null;
}

// Hot path (every consumed event): prepared once per connection, index-only on the primary key.
const JUDGE = `
  SELECT b.root, b.head, l.stream_version, l.event_id::text AS event_id, l.hash
    FROM (SELECT min(stream_version) AS root, max(stream_version) AS head FROM consumed_links
           WHERE consumer = $1 AND producer = $2 AND stream_id = $3) b
    LEFT JOIN consumed_links l
      ON l.consumer = $1 AND l.producer = $2 AND l.stream_id = $3
     AND l.stream_version IN ($4::integer - 1, $4::integer)`;

interface BatchRow {
  producer: string;
  stream_id: string;
  root: number | null;
  head: number | null;
  stream_version: number | null;
  event_id: string | null;
  hash: string | null;
}

// A batch's streams at once: first and last version held of each (rows without a version), and
// the links held at each event's version and the one before it (rows with one). Both are a
// primary-key lookup per wanted row (LATERAL; LIMIT 1 keeps the planner from flattening the second
// into a join): planned while the table was small (a new consumer, no ANALYZE yet), a join read
// every link the consumer holds for each batch, so judging slowed as the table grew (ADR 43).
const JUDGE_BATCH = `
  SELECT s.producer, s.stream_id, b.root, b.head, NULL::integer AS stream_version, NULL AS event_id, NULL AS hash
    FROM (SELECT DISTINCT producer, stream_id FROM unnest($2::text[], $3::text[]) AS w(producer, stream_id)) s
    CROSS JOIN LATERAL (SELECT min(stream_version) AS root, max(stream_version) AS head FROM consumed_links c
                         WHERE c.consumer = $1 AND c.producer = s.producer AND c.stream_id = s.stream_id) b
  UNION ALL
  SELECT w.producer, w.stream_id, NULL, NULL, w.stream_version, l.event_id::text, l.hash
    FROM (SELECT DISTINCT * FROM unnest($4::text[], $5::text[], $6::integer[]) AS w(producer, stream_id, stream_version)) w
    CROSS JOIN LATERAL (SELECT c.event_id, c.hash FROM consumed_links c
                         WHERE c.consumer = $1 AND c.producer = w.producer AND c.stream_id = w.stream_id
                           AND c.stream_version = w.stream_version LIMIT 1) l`;

/**
 * A consumer's held links of the streams it consumes, in consumed_links. One indexed read per
 * event (first and last version held, and the links at the event's version and the one before).
 */
export class ConsumedLinks {
  constructor(
    private readonly db: Database,
    private readonly consumer: string,
  ) {}

  async judge(event: EventEnvelope, tx?: Transaction): Promise<LinkJudgment> {
    const rows = await this.db.prepared<Row>(
      {
        name: 'uc_consumed_links_judge',
        text: JUDGE,
        values: [this.consumer, event.producer, event.streamId, event.streamVersion],
      },
      tx,
    );
    const link = (version: number) => {
      const row = rows.find((r) => r.stream_version === version);
      return row ? { version, eventId: row.event_id!, hash: row.hash! } : null;
    };
    const held: HeldStream = {
      root: rows[0]?.root ?? null,
      head: rows[0]?.head ?? null,
      same: link(event.streamVersion),
      previous: link(event.streamVersion - 1),
    };
    return judgeLink(event, held);
  }

  /** A plain INSERT: a concurrent holder of the same version makes it a unique-key race (transient), judged again. */
  async hold(event: EventEnvelope, tx?: Transaction): Promise<void> {
    await this.db.query(
      `INSERT INTO consumed_links (consumer, producer, stream_id, stream_version, event_id, hash)
         VALUES ($1, $2, $3, $4, $5, $6)`,
      [this.consumer, event.producer, event.streamId, event.streamVersion, event.eventId, event.hash],
      tx,
    );
  }

  /**
   * Judges a partition's run of events in order, as judge() would one after the other with each
   * new link held before the next is judged: one read for all, then in memory.
   */
  async judgeAll(events: EventEnvelope[], tx: Transaction): Promise<LinkJudgment[]> {
    const wanted = events.flatMap((e) => [e, { ...e, streamVersion: e.streamVersion - 1 }]);
    const rows = await this.db.prepared<BatchRow>(
      {
        name: 'uc_consumed_links_judge_batch',
        text: JUDGE_BATCH,
        values: [
          this.consumer,
          events.map((e) => e.producer),
          events.map((e) => e.streamId),
          wanted.map((e) => e.producer),
          wanted.map((e) => e.streamId),
          wanted.map((e) => e.streamVersion),
        ],
      },
      tx,
    );
    const memory = new LinksInMemory();
    const links = new Map<string, HeldLink[]>();
    const key = (row: BatchRow) => `${row.producer}/${row.stream_id}`;
    for (const row of rows)
      if (row.stream_version !== null)
        links.set(key(row), [
          ...(links.get(key(row)) ?? []),
          { version: row.stream_version, eventId: row.event_id!, hash: row.hash! },
        ]);
    for (const row of rows)
      if (row.stream_version === null && row.root !== null && row.head !== null)
        memory.seed(row.producer, row.stream_id, row.root, row.head, links.get(key(row)) ?? []);
    return events.map((e) => memory.follow(e));
  }

  /** Holds many new links with one INSERT; a concurrent holder makes it a unique-key race, as hold() does. */
  async holdAll(events: EventEnvelope[], tx: Transaction): Promise<void> {
    if (events.length === 0) return;
    await this.db.prepared(
      {
        name: 'uc_consumed_links_hold_batch',
        text: `INSERT INTO consumed_links (consumer, producer, stream_id, stream_version, event_id, hash)
                 SELECT $1, * FROM unnest($2::text[], $3::text[], $4::integer[], $5::uuid[], $6::text[])`,
        values: [
          this.consumer,
          events.map((e) => e.producer),
          events.map((e) => e.streamId),
          events.map((e) => e.streamVersion),
          events.map((e) => e.eventId),
          events.map((e) => e.hash),
        ],
      },
      tx,
    );
  }

  /** Judges the event and holds it when it is a new link; for events no handler applies. */
  async follow(event: EventEnvelope): Promise<LinkJudgment> {
    const judgment = await this.judge(event);
    if (judgment.kind === 'new') await this.hold(event);
    return judgment;
  }
}
