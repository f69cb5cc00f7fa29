import { pulled } from './audit-log.js';

describe('a pushed source read as an async iterable', () => {
  it('yields every item in order and lets the producer run only one item ahead of the reader', async () => {
    const emitted: number[] = [];
    const source = pulled<number>(async (emit) => {
      for (let i = 1; i <= 5; i++) {
        emitted.push(i);
        await emit(i);
      }
    });
    const read: number[] = [];
    for await (const item of source) {
      read.push(item);
      // The producer waits for this reader: it has emitted this item and nothing beyond it.
      expect(emitted).toEqual(read);
    }
    expect(read).toEqual([1, 2, 3, 4, 5]);
  });

  it('ends with the producer’s failure after the items it emitted', async () => {
    const source = pulled<number>(async (emit) => {
      await emit(1);
      throw new Error('broker gone');
    });
    const read: number[] = [];
    await expect(
      (async () => {
        for await (const item of source) read.push(item);
      })(),
    ).rejects.toThrow('broker gone');
    expect(read).toEqual([1]);
  });
});
