import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Transaction } from '../database/database.js';
import type { EventStore, InlineProjection } from '../event-store/event-store.js';
import type { StateProjection } from '../event-store/state-projection.js';
import type { StatementProjection } from '../event-store/statement-projection.js';
import type { EventConsumer, EventHandler } from '../messaging/event-consumer.js';

/** A stream's events so far, upcast: the store in a service, the replayed topic in a rebuild. */
export type StreamReader = (streamId: string, tx: Transaction) => Promise<EventEnvelope[]>;

/** A read-model table, with the columns that identify a row, for comparing a rebuild with it. */
export interface ReadModelTable {
  name: string;
  key: string[];
  /** Columns that depend on processing order rather than on the events (e.g. a local sequence). */
  ignore?: string[];
}

/**
 * A service's read models, listed once: the module registers them on its event store and
 * consumer, and `npm run rebuild` applies exactly these (never reactions or commands) to a
 * replay of the topics. Every projection must be idempotent and guarded by stream version, so
 * any interleaving of streams with each stream in order gives the same tables (ADR 10).
 */
export interface ReadModels {
  /** Projections of the service's own events, written with every append (ADR 9). */
  statements?: StatementProjection[];
  /** Projections of a decider's whole state, kept from the state each command decided on (ADR 36). */
  states?: StateProjection[];
  /** Projections of the service's own events that read the stream so far. */
  inline?: ((readStream: StreamReader) => InlineProjection)[];
  /** Projections of events consumed from the other services' topics, by type. */
  consumed?: [type: string, handler: EventHandler][];
  /** Projections of every consumed event of a known type, run after the typed ones. */
  everyConsumed?: EventHandler[];
  /** The tables these projections keep. */
  tables: ReadModelTable[];
}

/** Registers a service's read-model projections on its event store and consumer. */
export function registerReadModels(models: ReadModels, store: EventStore, consumer: EventConsumer): void {
  for (const projection of models.statements ?? []) store.addStatementProjection(projection);
  for (const projection of models.states ?? []) store.addStateProjection(projection);
  for (const projection of models.inline ?? [])
    store.addInlineProjection(projection((streamId, tx) => store.readStream(streamId, tx)));
  for (const [type, handler] of models.consumed ?? []) consumer.on(type, handler);
  for (const handler of models.everyConsumed ?? []) consumer.onEvery(handler);
}
