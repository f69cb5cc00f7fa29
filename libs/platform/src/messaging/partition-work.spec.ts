import type { IncomingRecord } from './message-bus.js';
import { workPartition, type PartitionWork } from './partition-work.js';

const records = (count: number): IncomingRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    topic: 't',
    partition: 0,
    offset: String(i),
    key: 'k',
    value: null,
    headers: {},
    lag: count - i - 1,
  }));

/** A partition's work that logs what it was asked, in order; each hook's behaviour is given per test. */
function work(hooks: Partial<PartitionWork>): { work: PartitionWork; log: string[] } {
  const log: string[] = [];
  return {
    log,
    work: {
      onRecord: async (record, attempt) => void log.push(`alone ${record.offset} #${attempt}`),
      retryDelay: () => 0,
      maxBatch: 100,
      gone: () => false,
      heartbeat: async () => undefined,
      resolve: (offset) => void log.push(`resolve ${offset}`),
      sleep: async () => undefined,
      ...hooks,
    },
  };
}

describe('workPartition', () => {
  it('applies a whole fetched batch as one run and resolves its last offset once', async () => {
    const runs: string[][] = [];
    const { work: w, log } = work({
      onBatch: async (run) => (runs.push(run.map((r) => r.offset)), { taken: run.length, nextAttempt: 1 }),
    });
    await workPartition(records(5), w);
    expect(runs).toEqual([['0', '1', '2', '3', '4']]);
    expect(log).toEqual(['resolve 4']);
  });

  it('gives the record a run stopped at to onRecord alone, then batches the rest', async () => {
    const runs: string[][] = [];
    const { work: w, log } = work({
      onBatch: async (run) => (
        runs.push(run.map((r) => r.offset)),
        { taken: run[0]!.offset === '0' ? 2 : run.length, nextAttempt: 1 }
      ),
    });
    await workPartition(records(6), w);
    expect(runs).toEqual([
      ['0', '1', '2', '3', '4', '5'],
      ['3', '4', '5'],
    ]);
    expect(log).toEqual(['resolve 1', 'alone 2 #1', 'resolve 2', 'resolve 5']);
  });

  it('falls back to one at a time when the run fails, retrying the record until it takes effect', async () => {
    let failures = 2;
    const { work: w, log } = work({
      onBatch: async (run) => {
        if (run[0]!.offset === '0') throw new Error('database away');
        return { taken: run.length, nextAttempt: 1 };
      },
      onRecord: async (record, attempt) => {
        log.push(`alone ${record.offset} #${attempt}`);
        if (failures-- > 0) throw new Error('still away');
      },
    });
    await workPartition(records(3), w);
    expect(log).toEqual(['alone 0 #1', 'alone 0 #2', 'alone 0 #3', 'resolve 0', 'resolve 2']);
  });

  it('offers a record that already failed once in the run from attempt 2, after the first wait', async () => {
    const waits: number[] = [];
    const { work: w, log } = work({
      onBatch: async (run) => ({ taken: run[0]!.offset === '0' ? 1 : run.length, nextAttempt: 2 }),
      retryDelay: (attempt) => attempt * 100,
      sleep: async (ms) => void waits.push(ms),
    });
    await workPartition(records(4), w);
    expect(log).toEqual(['resolve 0', 'alone 1 #2', 'resolve 1', 'resolve 3']);
    expect(waits).toEqual([100]);
  });

  it('offers runs of at most maxBatch records, and a last single record alone', async () => {
    const runs: number[] = [];
    const { work: w, log } = work({
      maxBatch: 2,
      onBatch: async (run) => (runs.push(run.length), { taken: run.length, nextAttempt: 1 }),
    });
    await workPartition(records(5), w);
    expect(runs).toEqual([2, 2]);
    expect(log.at(-2)).toBe('alone 4 #1');
  });

  it('leaves everything from a waiting record on unresolved when the partition is given up', async () => {
    let stopped = false;
    const { work: w, log } = work({
      onBatch: async () => ({ taken: 0, nextAttempt: 1 }),
      onRecord: async () => {
        stopped = true;
        throw new Error('database away');
      },
      gone: () => stopped,
    });
    await workPartition(records(4), w);
    expect(log.filter((entry) => entry.startsWith('resolve'))).toEqual([]);
  });
});
