import { ConfigError, isDevelopment } from '@upgrade-control/platform';

export type PrometheusAuth = { bearer: string } | { username: string; password: string } | null;

/** Where and how monitoring reads Prometheus; null when PROMETHEUS_URL is not set (pushed samples only). */
export type PrometheusSettings = {
  /** The server's base URL, possibly with a path prefix (https://metrics.example/prometheus/). */
  url: URL;
  auth: PrometheusAuth;
  /** Per request: a hung Prometheus must not hold an analysis run. */
  timeoutMs: number;
  /** Further attempts after a 5xx, 429, timeout or network error; 4xx answers are final. */
  retries: number;
};

export const PROMETHEUS_SETTINGS = Symbol('PROMETHEUS_SETTINGS');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, { zero = false } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zero ? 0 : 1))
    throw new ConfigError(`${name}: a ${zero ? 'non-negative' : 'positive'} integer, not "${raw}"`);
  return value;
}

function authFrom(env: NodeJS.ProcessEnv): PrometheusAuth {
  const { PROMETHEUS_BEARER_TOKEN: bearer, PROMETHEUS_USERNAME: username, PROMETHEUS_PASSWORD: password } = env;
  if (bearer && (username || password))
    throw new ConfigError('PROMETHEUS_BEARER_TOKEN and PROMETHEUS_USERNAME/PASSWORD exclude each other: set one');
  if (bearer) return { bearer };
  if (!username && !password) return null;
  if (!username || !password) throw new ConfigError('PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD go together');
  return { username, password };
}

/**
 * PROMETHEUS_URL (+ PROMETHEUS_BEARER_TOKEN, or PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD;
 * PROMETHEUS_TIMEOUT_MS, PROMETHEUS_RETRIES). Secure by default: credentials never sit in the URL
 * (where logs and error messages would show them), and outside development they are sent only over
 * https or to this machine.
 */
export function prometheusSettings(env: NodeJS.ProcessEnv): PrometheusSettings | null {
  const raw = env.PROMETHEUS_URL;
  if (!raw) {
    if (authFrom(env)) throw new ConfigError('Prometheus credentials are set without PROMETHEUS_URL');
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw.endsWith('/') ? raw : `${raw}/`);
  } catch {
    throw new ConfigError(`PROMETHEUS_URL: not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError('PROMETHEUS_URL: http or https only');
  if (url.username || url.password)
    throw new ConfigError('PROMETHEUS_URL must not hold credentials: use PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD');
  if (url.search || url.hash) throw new ConfigError('PROMETHEUS_URL: the base URL takes no query or fragment');
  const auth = authFrom(env);
  if (auth && url.protocol === 'http:' && !LOOPBACK.has(url.hostname) && !isDevelopment(env))
    throw new ConfigError('PROMETHEUS_URL: credentials are sent over https only (or to localhost)');
  return {
    url,
    auth,
    timeoutMs: positiveInteger(env, 'PROMETHEUS_TIMEOUT_MS', 10_000),
    retries: positiveInteger(env, 'PROMETHEUS_RETRIES', 2, { zero: true }),
  };
}
