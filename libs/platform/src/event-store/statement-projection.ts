import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Transaction } from '../database/database.js';
import { runOrDefer } from '../database/deferred-statements.js';
import type { Statement } from '../database/merged-inserts.js';

/** One read-model change as SQL with `$1…` parameters: the statement the database layer runs or merges. */
export type ProjectionStatement = Statement;

/**
 * A read model kept in step with the store, given as the statements to run rather than code that
 * runs them, so that the store can write an event and its read-model change as one statement:
 * no BEGIN and COMMIT round trips (ADR 9). Pure, no I/O. The statements for one event must touch
 * different rows: they may run as parts of one statement, which sees a single snapshot.
 */
export type StatementProjection = (event: EventEnvelope) => ProjectionStatement[];

/**
 * Runs statements one after another in a transaction, e.g. to rebuild a read model; in a batch of
 * consumed events they are held back and written merged before the next read (ADR 39).
 */
export function applyStatements(statements: ProjectionStatement[], tx: Transaction): Promise<void> {
  return runOrDefer(statements, tx);
}
