import type { Transaction } from './database.js';
import { DeferredStatementFailed, deferStatementsIn, flushDeferred, runOrDefer } from './deferred-statements.js';

const INSERT = 'INSERT INTO seen (id) VALUES ($1)';

/** A transaction that notes each statement it is sent, and fails the one naming `failOn`. */
function transaction(failOn?: string) {
  const sent: { sql: string; parameters: unknown[] }[] = [];
  const tx = {
    async query(sql: string, parameters: unknown[] = []) {
      if (failOn && parameters.includes(failOn)) throw new Error(`refused ${failOn}`);
      sent.push({ sql, parameters });
      return [];
    },
  } as unknown as Transaction;
  return { tx, sent };
}

describe('statements deferred in a transaction', () => {
  it('run at once in a transaction that does not defer', async () => {
    const { tx, sent } = transaction();
    await runOrDefer([{ sql: INSERT, parameters: ['a'] }], tx);
    expect(sent).toEqual([{ sql: INSERT, parameters: ['a'] }]);
  });

  it('are held back, then written merged when flushed', async () => {
    const { tx, sent } = transaction();
    deferStatementsIn(tx);
    await runOrDefer([{ sql: INSERT, parameters: ['a'] }], tx);
    await runOrDefer([{ sql: INSERT, parameters: ['b'] }], tx);
    expect(sent).toEqual([]);
    await flushDeferred(tx);
    expect(sent).toEqual([{ sql: 'INSERT INTO seen (id) VALUES ($1), ($2)', parameters: ['a', 'b'] }]);
  });

  it('are written before anything else the transaction is asked, so a read sees them', async () => {
    const { tx, sent } = transaction();
    deferStatementsIn(tx);
    await runOrDefer([{ sql: INSERT, parameters: ['a'] }], tx);
    await tx.query('SELECT id FROM seen', []);
    expect(sent.map((s) => s.sql)).toEqual([INSERT, 'SELECT id FROM seen']);
  });

  it('fail as DeferredStatementFailed, the database error as its cause', async () => {
    const { tx } = transaction('b');
    deferStatementsIn(tx);
    await runOrDefer([{ sql: 'UPDATE seen SET id = $1', parameters: ['b'] }], tx);
    const failure = flushDeferred(tx);
    await expect(failure).rejects.toBeInstanceOf(DeferredStatementFailed);
    await expect(failure).rejects.toMatchObject({ cause: new Error('refused b') });
  });
});
