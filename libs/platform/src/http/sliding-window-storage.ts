import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from './throttler.js';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One principal's hits in one throttler's window: expiry instants in the order they were made. */
interface Window {
  expiries: number[];
  /** Index of the first hit not yet expired: expired hits are dropped from the front. */
  head: number;
  /** When the key's window resets (the X-RateLimit-Reset the guard reports). */
  resetsAt: number;
  blockedUntil: number;
}

const SWEEP_MS = 60_000;

/**
 * The rate limit's counts (ADR 17), as @nestjs/throttler's in-memory storage keeps them, but
 * pruned from the front: a throttler's hits expire in the order they were made, so counting the
 * live ones costs nothing per request. The library's storage filtered every hit of the window on
 * every request (and spread them into Math.min): with a development limit of 100,000 a minute that
 * was most of a command's time (issue 19). Idle windows are swept once a minute.
 */
@Injectable()
export class SlidingWindowStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private sweeper: NodeJS.Timeout | undefined;

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<StorageRecord> {
    this.sweeper ??= setInterval(() => this.sweep(Date.now()), SWEEP_MS).unref();
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window) {
      window = { expiries: [], head: 0, resetsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    prune(window, now);
    if (window.resetsAt <= now) window.resetsAt = now + ttl;
    const blocked = window.blockedUntil > now;
    if (!blocked) {
      if (window.blockedUntil) {
        // The block is over: the principal starts afresh, as with the library's storage.
        window.blockedUntil = 0;
        window.expiries = [];
        window.head = 0;
      }
      window.expiries.push(now + ttl);
    }
    const hits = window.expiries.length - window.head;
    if (!blocked && hits > limit) window.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
    return Promise.resolve({
      totalHits: hits,
      timeToExpire: Math.ceil((window.resetsAt - now) / 1000),
      isBlocked: window.blockedUntil > now,
      timeToBlockExpire: window.blockedUntil > now ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) {
      prune(window, now);
      if (window.head === window.expiries.length && window.blockedUntil <= now) this.windows.delete(id);
    }
  }
}

function prune(window: Window, now: number): void {
  const { expiries } = window;
  while (window.head < expiries.length && expiries[window.head]! <= now) window.head += 1;
  // Compact once the dropped front is most of the array, so memory follows the live hits.
  if (window.head > 1024 && window.head * 2 > expiries.length) {
    window.expiries = expiries.slice(window.head);
    window.head = 0;
  }
}
