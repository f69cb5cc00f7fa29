export * from './domain/index.js';
export * from './config/service-config.js';
export * from './config/config-error.js';
export * from './config/kafka-security.js';
export {
  credentialsFrom,
  DEV_JWT_SECRET,
  isDevelopment,
  type Credentials,
  type TokenSettings,
} from './config/credentials.js';
export { hashApiKey, type ApiKey } from './config/api-keys.js';
export * from './database/data-source.js';
export * from './database/database.js';
export type { PreparedStatement } from './database/prepared-statement.js';
export * from './database/relay-rebase.js';
export * from './database/ensure-database.js';
export * from './database/prepare-database.js';
export * from './database/runtime-grants.js';
export * from './database/runtime-role.js';
export * from './config/database-urls.js';
export { prepareDatabases } from './cli/db-prepare.js';
export * from './database/sql-migration.js';
export * from './event-store/concurrency-error.js';
export * from './event-store/contract-violation.js';
export * from './event-store/event-store.js';
export * from './event-store/postgres-event-store.js';
export { INSERTED_COLUMNS, eventRowValues } from './event-store/append-statement.js';
export * from './event-store/event-too-large.js';
export * from './event-store/commit-signal.js';
export * from './event-store/statement-projection.js';
export * from './event-store/command-handling.js';
export { appendContext } from './event-store/caller.js';
export * from './event-store/reaction.js';
export * from './application/decide.js';
export * from './application/decide.handler.js';
export * from './application/query-handler.js';
export * from './event-store/store-verifier.js';
export * from './messaging/message-bus.js';
export * from './messaging/kafka/kafkajs-bus.js';
export * from './messaging/outbox-relay.js';
export * from './messaging/event-consumer.js';
export * from './messaging/backoff.js';
export * from './messaging/failure-class.js';
export * from './messaging/dead-letters.js';
export * from './observability/logger.js';
export * from './observability/metrics.js';
export * from './http/problem.js';
export * from './http/auth.js';
export { AcceptsStreamToken, StreamTokens, type IssuedStreamToken } from './http/stream-tokens.js';
export * from './http/expected-version.js';
export * from './http/caller.decorator.js';
export * from './http/dto-rules.js';
export * from './http/contract-property.js';
export * from './nest/tokens.js';
export * from './nest/event-platform.module.js';
export * from './nest/service-module.js';
export * from './nest/http-setup.js';
export * from './nest/openapi-document.js';
export * from './nest/bootstrap.js';
export * from './nest/periodic-task.js';
export * from './signing/index.js';
export * from './read-models/read-models.js';
export * from './read-models/compare-tables.js';
export * from './read-models/rebuild.js';
export * from './http/cursor.js';
export * from './http/page.js';
export * from './http/resource-headers.js';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './http/idempotency.interceptor.js';
