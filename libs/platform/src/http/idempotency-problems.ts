import { problem, type Problem } from './problem.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The two refusals of a key (ADR 22), as the interceptor answers them and as the OpenAPI document
 * shows them in its examples: one function for both, so the example cannot drift from the answer.
 */
export const idempotencyKeyReused = (key: string): Problem =>
  problem(
    422,
    'idempotency-key-reused',
    'Idempotency key reused',
    `Idempotency-Key ${JSON.stringify(key)} was first used with a different request body; use a new key for a different request`,
    { header: IDEMPOTENCY_KEY_HEADER },
  );

export const idempotencyKeyInFlight = (key: string): Problem =>
  problem(
    409,
    'idempotency-key-in-flight',
    'Idempotency key in flight',
    `the first request with Idempotency-Key ${JSON.stringify(key)} is still running; retry once it has answered`,
    { header: IDEMPOTENCY_KEY_HEADER },
  );
