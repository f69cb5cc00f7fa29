/** A delay policy: milliseconds to wait before attempt `attempt + 1`. */
export type Backoff = (attempt: number) => number;

/**
 * Capped exponential backoff with full jitter: many clients failing together (a database restart
 * seen by every consumer and relay at once) spread their retries instead of hammering in step.
 */
export const cappedBackoff =
  ({
    baseMs = 100,
    capMs = 5_000,
    random = Math.random,
  }: { baseMs?: number; capMs?: number; random?: () => number } = {}): Backoff =>
  (attempt) => {
    const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
