import { jest } from '@jest/globals';
import { SlidingWindowStorage } from './sliding-window-storage.js';

// The rate limit's counts over a minute's window with a limit of three, the clock moved by hand.
describe('the sliding-window rate-limit storage', () => {
  let now = Date.parse('2027-01-16T20:00:00Z');
  let storage: SlidingWindowStorage;
  beforeEach(() => {
    now = Date.parse('2027-01-16T20:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    storage = new SlidingWindowStorage();
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.restoreAllMocks();
  });
  const hit = (key = 'principal:alice') => storage.increment(key, 60_000, 3, 60_000, 'default');

  it('counts the hits of the window and blocks the one past the limit', async () => {
    expect((await hit()).totalHits).toBe(1);
    await hit();
    expect(await hit()).toEqual({ totalHits: 3, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 });
  });

  it('keeps a blocked principal blocked until the block ends, without counting its refused requests', async () => {
    for (let i = 0; i < 4; i++) await hit();
    now += 30_000;
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });
    now += 30_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('lets hits leave the window as they expire, oldest first', async () => {
    await hit();
    now += 20_000;
    await hit();
    await hit();
    now += 40_000; // the first hit expires now
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false });
  });

  it('counts each principal on its own', async () => {
    for (let i = 0; i < 3; i++) await hit('principal:alice');
    expect(await hit('principal:bob')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps counting right across many expired hits (the front is compacted)', async () => {
    const many = new SlidingWindowStorage();
    for (let i = 0; i < 5000; i++) {
      await many.increment('principal:bench', 1000, 100_000, 1000, 'default');
      now += 1;
    }
    // Hits of the last second only: the 1,000 made in the last 1,000 ms.
    expect((await many.increment('principal:bench', 1000, 100_000, 1000, 'default')).totalHits).toBe(1000);
    many.onApplicationShutdown();
  });
});
