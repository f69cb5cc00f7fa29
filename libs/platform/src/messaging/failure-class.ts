import { ConcurrencyError } from '../event-store/concurrency-error.js';

/**
 * SQLSTATEs that say "try again later", not "this input is wrong": serialization and deadlock
 * failures, unique-key races, lock timeouts, an idle transaction ended by the server.
 */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '23505', '55P03', '55006', '25P03', '57014', 'UC409']);
/** Whole SQLSTATE classes: connection exception, insufficient resources, operator intervention, system error. */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '53', '57', '58']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
/** What node-postgres and the pool say when the server went away; they carry no code. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /connection (is )?(closed|refused|reset)/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * True when a failure is expected to pass by itself (the database or the broker is unreachable, a
 * concurrent writer won a race): the work is retried as it is, never dead-lettered. Anything else is
 * deterministic, so retrying it forever would wedge the partition behind it.
 */
export function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof ConcurrencyError) return true;
    const { code, retriable, name, message, driverError, cause } = e as {
      code?: unknown;
      retriable?: unknown;
      name?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string') {
      if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) return true;
    }
    // kafkajs marks its own retriable errors (a broker down, a leader moving, a request timing out).
    if (retriable === true) return true;
    if (typeof name === 'string' && /^KafkaJS(Connection|RequestTimeout|NumberOfRetriesExceeded)Error$/.test(name))
      return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
    e = driverError ?? cause;
  }
  return false;
}
