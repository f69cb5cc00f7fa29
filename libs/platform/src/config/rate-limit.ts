import { ConfigError } from './config-error.js';
import { isDevelopment } from './credentials.js';

/** How many requests one principal (or, unauthenticated, one IP address) may make per window. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

/**
 * RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_SECONDS: 600 a minute by default (ten a second on
 * average, far above a person or a backup agent, far below a flood). Development and tests default
 * to 100 000, so test suites and the demo, which act as a handful of principals, are never limited.
 */
export function rateLimitFrom(env: NodeJS.ProcessEnv): RateLimit {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) throw new ConfigError(`${name}: a positive integer, not "${raw}"`);
    return value;
  };
  return {
    requests: read('RATE_LIMIT_REQUESTS', isDevelopment(env) ? 100_000 : 600),
    windowMs: read('RATE_LIMIT_WINDOW_SECONDS', 60) * 1000,
  };
}
