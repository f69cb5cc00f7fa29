import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Transaction } from '../database/database.js';

/**
 * Runs inside the consumer's transaction; everything it writes commits with the inbox row.
 * `event` is upcast to the current schema; `stored` is the envelope exactly as published (and hashed).
 */
export type EventHandler = (event: EventEnvelope, tx: Transaction, stored: EventEnvelope) => Promise<void>;
