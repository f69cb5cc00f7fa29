import { z } from 'zod';
import type { ServiceName } from '@upgrade-control/contracts';
import { DEFAULT_EVENT_MAX_BYTES } from '../event-store/event-too-large.js';
import { ConfigError } from './config-error.js';
import { corsOriginsFrom } from './cors.js';
import { credentialsFrom, isDevelopment, type Credentials } from './credentials.js';
import { databaseUrlsFrom } from './database-urls.js';
import { kafkaSecurityFrom, type KafkaSecurity } from './kafka-security.js';
import { rateLimitFrom, type RateLimit } from './rate-limit.js';
import { signingKeyFrom, type SigningKey } from '../signing/signing-keys.js';

/** Where each service listens unless PORT says otherwise (npm start, the documents' servers). */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  inventory: 3001,
  planning: 3002,
  execution: 3003,
  monitoring: 3004,
};

/**
 * 512 KiB: far above any command's body, and below the event size limit. Monitoring also ingests
 * metric batches of up to 10,000 samples (each at most ~400 bytes of JSON), so it takes 4 MiB;
 * samples never become events.
 */
export const DEFAULT_HTTP_BODY_LIMIT_BYTES: Record<ServiceName, number> = {
  inventory: 512 * 1024,
  planning: 512 * 1024,
  execution: 512 * 1024,
  monitoring: 4 * 1024 * 1024,
};

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HOST: z.string().default('127.0.0.1'),
  /** The runtime connection: the service's app role (ADR 17). */
  DATABASE_URL: z.url().optional(),
  /** The connection migrations run as: the owner of the service's tables. */
  MIGRATION_DATABASE_URL: z.url().optional(),
  /** Without a role name: each service's own roles (uc_<service>_app, uc_<service>_owner). */
  DATABASE_URL_BASE: z.url().default('postgres://127.0.0.1:5432'),
  /** Passwords of those roles, where the URLs come from the base. */
  DATABASE_PASSWORD: z.string().min(1).optional(),
  MIGRATION_DATABASE_PASSWORD: z.string().min(1).optional(),
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092'),
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(3),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  KAFKA_CLIENT_ID_SUFFIX: z.string().default(''),
  KAFKA_CONSUMER_GROUP: z.string().min(1).optional(),
  /** A killed replica's partitions move to the others after this long without its heartbeat. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Namespaces every topic, so several environments (or test runs) can share one cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/)
    .default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RELAY_POLL_MS: z.coerce.number().int().positive().default(250),
  RELAY_BATCH_SIZE: z.coerce.number().int().positive().default(1000),
  /** Bytes per send, below the broker's message.max.bytes (1 MiB by default) with room for overhead. */
  RELAY_MAX_BATCH_BYTES: z.coerce.number().int().positive().default(900_000),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
  /** Transient failures (database or broker away) are retried forever: first after about this long… */
  CONSUMER_RETRY_BASE_MS: z.coerce.number().int().positive().default(100),
  /** …doubling up to this. */
  CONSUMER_RETRY_MAX_MS: z.coerce.number().int().positive().default(5000),
  /** Largest request body accepted; a larger one is refused with 413 before it is parsed. */
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().positive().optional(),
  /** Largest Kafka record (envelope + headers) an append may produce; see DEFAULT_EVENT_MAX_BYTES. */
  EVENT_MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_EVENT_MAX_BYTES),
  /** A write to an existing aggregate without If-Match is refused with 428 (ADR 22). */
  REQUIRE_IF_MATCH: z.enum(['true', 'false']).default('false'),
  /** How long an Idempotency-Key and its answer are kept (24 h; ADR 22). */
  IDEMPOTENCY_KEY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60),
  /** How often the chain heads are signed, when any moved (ADR 20). */
  CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** A few minutes: long enough to open (and reopen) an EventSource, short enough to be worthless when leaked. */
  STREAM_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
});

export interface ServiceConfig {
  service: ServiceName;
  port: number;
  host: string;
  /** The runtime connection (the app role outside development): every request and consumer uses it. */
  databaseUrl: string;
  /** The connection migrations run as at start (the owner role); may equal databaseUrl in development. */
  migrationDatabaseUrl: string;
  /** Outside development the runtime role is checked at start (ADR 17). */
  development: boolean;
  kafka: {
    brokers: string[];
    partitions: number;
    replicationFactor: number;
    clientIdSuffix: string;
    consumerGroup: string;
    topicPrefix: string;
    sessionTimeoutMs: number;
    /** TLS and SASL of this service's own Kafka user (ADR 0018). */
    security: KafkaSecurity;
  };
  /** Null for tools that serve no HTTP (the DLQ and rebuild CLIs): they need no credentials. */
  auth: Credentials | null;
  /** Requests per principal and window (HTTP services only). */
  rateLimit: RateLimit;
  /** Browser origins allowed to call the API (CORS_ORIGINS); empty: no cross-origin access. */
  corsOrigins: string[];
  /** How long a stream token (the browser's credential for the live stream) lasts. */
  streamTokenTtlSeconds: number;
  /** The key checkpoints and record exports are signed with; null for tools, like `auth`. */
  signing: SigningKey | null;
  checkpointIntervalMs: number;
  logLevel: string;
  relay: { pollMs: number; batchSize: number; maxBatchBytes: number };
  consumer: { maxAttempts: number; retryBaseMs: number; retryMaxMs: number };
  limits: { httpBodyBytes: number; eventBytes: number };
  /** Writes to an existing aggregate must name its version in If-Match (ADR 22). */
  requireIfMatch: boolean;
  idempotencyKeyTtlSeconds: number;
}

/**
 * Reads and validates the environment once. A service's own variables (INVENTORY_DATABASE_URL,
 * INVENTORY_PORT, …) win over the shared ones, so one environment can describe all four.
 */
export function loadServiceConfig(
  service: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
  { serves = true }: { serves?: boolean } = {},
): ServiceConfig {
  const prefix = `${service.toUpperCase()}_`;
  const merged: Record<string, string | undefined> = { ...env };
  for (const [key, value] of Object.entries(env)) if (key.startsWith(prefix)) merged[key.slice(prefix.length)] = value;
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid ${service} configuration: ${problems}`);
  }
  const c = parsed.data;
  const auth = serves ? credentialsFrom(merged, service) : null;
  return {
    service,
    port: c.PORT ?? DEFAULT_PORTS[service],
    host: c.HOST,
    ...databaseUrlsFrom(service, c),
    development: isDevelopment(merged),
    kafka: {
      brokers: c.KAFKA_BROKERS.split(',').map((b) => b.trim()),
      partitions: c.KAFKA_PARTITIONS,
      replicationFactor: c.KAFKA_REPLICATION_FACTOR,
      clientIdSuffix: c.KAFKA_CLIENT_ID_SUFFIX,
      consumerGroup: c.KAFKA_CONSUMER_GROUP ?? service,
      topicPrefix: c.KAFKA_TOPIC_PREFIX,
      sessionTimeoutMs: c.KAFKA_SESSION_TIMEOUT_MS,
      security: kafkaSecurityFrom(env, service),
    },
    auth,
    rateLimit: rateLimitFrom(merged),
    corsOrigins: corsOriginsFrom(merged, DEFAULT_PORTS.monitoring),
    streamTokenTtlSeconds: c.STREAM_TOKEN_TTL_SECONDS,
    signing: serves ? signingKeyFrom(merged, service) : null,
    checkpointIntervalMs: c.CHECKPOINT_INTERVAL_MS,
    logLevel: c.LOG_LEVEL,
    relay: { pollMs: c.RELAY_POLL_MS, batchSize: c.RELAY_BATCH_SIZE, maxBatchBytes: c.RELAY_MAX_BATCH_BYTES },
    consumer: {
      maxAttempts: c.CONSUMER_MAX_ATTEMPTS,
      retryBaseMs: c.CONSUMER_RETRY_BASE_MS,
      retryMaxMs: c.CONSUMER_RETRY_MAX_MS,
    },
    limits: {
      httpBodyBytes: c.HTTP_BODY_LIMIT_BYTES ?? DEFAULT_HTTP_BODY_LIMIT_BYTES[service],
      eventBytes: c.EVENT_MAX_BYTES,
    },
    requireIfMatch: c.REQUIRE_IF_MATCH === 'true',
    idempotencyKeyTtlSeconds: c.IDEMPOTENCY_KEY_TTL_SECONDS,
  };
}
