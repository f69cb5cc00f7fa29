/**
 * Waiting for another service to catch up. The services learn of each other's facts through Kafka,
 * a moment after the write: a call may be refused, or answer an old state, until then. The wait
 * backs off as the platform's consumers and relay do (one policy, libs/platform).
 */
import { cappedBackoff, sleep, type Backoff } from '@upgrade-control/platform/backoff';
import { ApiProblem } from './problem.js';

/** Refusals that eventual consistency explains: unknown yet, not yet allowed, busy. */
const CATCHING_UP = new Set([404, 409, 412, 422, 429, 503]);

export interface EventuallyOptions {
  timeoutMs?: number;
  /** The longest pause between attempts (the backoff's cap). */
  everyMs?: number;
  backoff?: Backoff;
}

/**
 * Calls `attempt` until it returns something other than undefined or false; an ApiProblem that
 * eventual consistency explains is retried too. Any other error, or the deadline, ends the wait
 * (the deadline with the last refusal, so the reason is not lost).
 */
export async function eventually<T>(
  what: string,
  attempt: () => Promise<T | undefined | false>,
  {
    timeoutMs = 60_000,
    everyMs = 1_000,
    backoff = cappedBackoff({ baseMs: 100, capMs: everyMs }),
  }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempts = 1; ; attempts += 1) {
    let refused: ApiProblem | undefined;
    try {
      const result = await attempt();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      if (!(error instanceof ApiProblem && CATCHING_UP.has(error.status))) throw error;
      refused = error;
    }
    if (Date.now() > deadline) {
      if (refused) throw refused;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(backoff(attempts));
  }
}
