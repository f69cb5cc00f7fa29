import type { EventEnvelope } from '@upgrade-control/contracts';
import { judgeLink, type HeldStream, type LinkJudgment } from '../messaging/chain-continuity.js';
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

  /** Judges the event and holds it when it is a new link; for events no handler applies. */
  async follow(event: EventEnvelope): Promise<LinkJudgment> {
    const judgment = await this.judge(event);
    if (judgment.kind === 'new') await this.hold(event);
    return judgment;
  }
}
