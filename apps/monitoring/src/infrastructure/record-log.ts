import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import type { ProjectionStatement } from '@upgrade-control/platform';

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

  /** Events after a cursor, optionally for one upgrade and some types: the live stream's source. */
  after(
    seq: number,
    filter: { upgradeId?: string; types?: string[] },
    limit = 500,
  ): Promise<{ seq: string; envelope: EventEnvelope }[]> {
    return this.db.query(
      `SELECT seq::text, envelope FROM record_events
        WHERE seq > $1 AND ($2::text IS NULL OR upgrade_id = $2) AND ($3::text[] IS NULL OR type = ANY($3))
        ORDER BY seq LIMIT $4`,
      [seq, filter.upgradeId ?? null, filter.types ?? null, limit],
    );
  }
}
