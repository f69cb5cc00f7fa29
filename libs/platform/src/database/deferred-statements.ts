// database.ts's Transaction, named from TypeORM: database.ts imports this file.
import type { EntityManager as Transaction } from 'typeorm';
import { mergeInserts, type Statement } from './merged-inserts.js';

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/** Read-model statements held back in a transaction, and the transaction's own query. */
const held = new WeakMap<Transaction, { statements: Statement[]; query: Query }>();

/** A held statement failed when written: which event's it was is no longer known. */
export class DeferredStatementFailed extends Error {
  constructor(cause: unknown) {
    super(`a deferred read-model statement failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DeferredStatementFailed';
  }
}

/**
 * From now on `tx` holds back the statements given to `runOrDefer` and writes them, merged, before
 * anything else reads or writes through it (its own query, or Database.prepared), and when
 * `flushDeferred` is called: every read in the transaction still sees every write before it.
 * A batch of consumed events does this (ADR 39).
 */
export function deferStatementsIn(tx: Transaction): void {
  const own = tx as unknown as { query?: Query };
  if (typeof own.query !== 'function') return;
  const query = own.query.bind(tx);
  held.set(tx, { statements: [], query });
  own.query = async (sql, parameters) => {
    await flushDeferred(tx);
    return query(sql, parameters);
  };
}

/** Runs the statements now, or holds them back when `tx` defers (deferStatementsIn). */
export async function runOrDefer(statements: Statement[], tx: Transaction): Promise<void> {
  const deferred = held.get(tx);
  if (deferred) {
    deferred.statements.push(...statements);
    return;
  }
  for (const { sql, parameters } of statements) await tx.query(sql, parameters);
}

/** Writes what `tx` holds back, consecutive identical INSERTs as one (mergeInserts). */
export async function flushDeferred(tx: Transaction | undefined): Promise<void> {
  const deferred = tx && held.get(tx);
  if (!deferred || deferred.statements.length === 0) return;
  const statements = mergeInserts(deferred.statements);
  deferred.statements = [];
  try {
    for (const { sql, parameters } of statements) await deferred.query(sql, parameters);
  } catch (error) {
    throw new DeferredStatementFailed(error);
  }
}
