import type { EventEnvelope } from '@upgrade-control/contracts';
import type { ProjectionStatement } from '@upgrade-control/platform';

/**
 * Every event of all four services, as published (hashes intact), joins one table: the source
 * of the upgrade record, the audit endpoints and the live stream (record-log.read-model.ts).
 */
export const recordLogStatement = (stored: EventEnvelope): ProjectionStatement => ({
  sql: 'INSERT INTO record_events (event_id, upgrade_id, type, producer, occurred_at, envelope) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (event_id) DO NOTHING',
  parameters: [stored.eventId, stored.correlationId, stored.type, stored.producer, stored.occurredAt, stored],
});
