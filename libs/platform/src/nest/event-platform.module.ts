import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { deadLetterTopic, eventsTopic, redriveTopic, SERVICES, type ServiceName } from '@upgrade-control/contracts';
import type { ServiceConfig } from '../config/service-config.js';
import { Database, type MigrationClass } from '../database/database.js';
import { DATABASE_TOKENS, databaseProviders } from '../database/database.providers.js';
import { DecideHandler } from '../application/decide.handler.js';
import { EventStore } from '../event-store/event-store.js';
import { PostgresEventStore } from '../event-store/postgres-event-store.js';
import { EventConsumer } from '../messaging/event-consumer.js';
import { KafkaJsBus } from '../messaging/kafka/kafkajs-bus.js';
import type { MessageBus } from '../messaging/message-bus.js';
import { OutboxRelay } from '../messaging/outbox-relay.js';
import { cappedBackoff } from '../messaging/backoff.js';
import { dlqRedriveGroup, pendingDeadLetters } from '../messaging/dead-letters.js';
import type { Logger } from '../observability/logger.js';
import { PlatformMetrics } from '../observability/metrics.js';
import { OpsController } from '../http/ops.controller.js';
import type { ReadModels } from '../read-models/read-models.js';
import { CLOCK, LOGGER, MESSAGE_BUS, SERVICE_CONFIG } from './tokens.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { PlatformLifecycle } from './platform-lifecycle.js';
import { ReadModelRegistration } from './read-model-registration.js';
import { coreProviders, httpProviders } from './platform-providers.js';
import { ChainCheckpointer } from '../signing/chain-checkpointer.js';
import { StreamTokens } from '../http/stream-tokens.js';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyKeys } from '../database/idempotency-keys.js';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor.js';
import { IdempotencyKeyPurge } from '../http/idempotency-purge.js';

/** A request whose row is still unanswered after this long died with its process; a retry takes it over. */
const ABANDONED_REQUEST_SECONDS = 60;

export interface EventPlatformOptions {
  service: ServiceName;
  migrations?: MigrationClass[];
  /** The service's read models, registered on its store and consumer before its modules start. */
  readModels?: ReadModels;
  /** Environment to read configuration from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** The service's sense of now; tests pass a controlled one. */
  clock?: Clock;
}

/** The configured names of the topics a service uses. */
export const topics = (c: ServiceConfig) => ({
  events: (service: ServiceName) => `${c.kafka.topicPrefix}${eventsTopic(service)}`,
  deadLetter: `${c.kafka.topicPrefix}${deadLetterTopic(c.service)}`,
  redrive: `${c.kafka.topicPrefix}${redriveTopic(c.service)}`,
});

/**
 * Everything a service needs from the event platform, wired once: config, logging, metrics,
 * its database with migrations, the event store, the one command handler, Kafka, the outbox
 * relay, the consumer, problem+json errors, validation, auth, health and metrics endpoints.
 */
@Global()
@Module({})
export class EventPlatformModule {
  static forService(options: EventPlatformOptions): DynamicModule {
    const providers: Provider[] = [
      ...coreProviders(options.service, options.env ?? process.env, options.clock ?? systemClock),
      ...databaseProviders(options.migrations ?? []),
      {
        provide: PostgresEventStore,
        inject: [Database, SERVICE_CONFIG],
        useFactory: (db: Database, c: ServiceConfig) =>
          new PostgresEventStore(db, options.service, c.limits.eventBytes),
      },
      { provide: EventStore, useExisting: PostgresEventStore },
      {
        provide: MESSAGE_BUS,
        inject: [SERVICE_CONFIG, LOGGER],
        useFactory: async (c: ServiceConfig, logger: Logger) => {
          const bus = new KafkaJsBus({
            clientId: `${c.service}${c.kafka.clientIdSuffix}`,
            brokers: c.kafka.brokers,
            sessionTimeoutMs: c.kafka.sessionTimeoutMs,
            security: c.kafka.security,
            log: (level, message, extra) => logger[level](extra, message),
          });
          const spec = (name: string) => ({
            name,
            partitions: c.kafka.partitions,
            replicationFactor: c.kafka.replicationFactor,
          });
          // Every events topic, so subscriptions never wait for another service to start first.
          const own = topics(c);
          await bus.ensureTopics([
            ...SERVICES.map((s) => spec(own.events(s))),
            spec(own.deadLetter),
            spec(own.redrive),
          ]);
          return bus;
        },
      },
      {
        provide: OutboxRelay,
        inject: [SERVICE_CONFIG, MESSAGE_BUS, LOGGER, PlatformMetrics, PostgresEventStore],
        useFactory: (
          c: ServiceConfig,
          bus: MessageBus,
          logger: Logger,
          metrics: PlatformMetrics,
          store: PostgresEventStore,
        ) =>
          new OutboxRelay(bus, {
            name: c.service,
            databaseUrl: c.databaseUrl,
            topic: topics(c).events(c.service),
            batchSize: c.relay.batchSize,
            pollMs: c.relay.pollMs,
            maxBatchBytes: c.relay.maxBatchBytes,
            logger,
            metrics,
            commits: store.commits,
          }),
      },
      {
        provide: EventConsumer,
        inject: [SERVICE_CONFIG, Database, MESSAGE_BUS, LOGGER, PlatformMetrics],
        useFactory: (c: ServiceConfig, db: Database, bus: MessageBus, logger: Logger, metrics: PlatformMetrics) => {
          const { deadLetter, redrive } = topics(c);
          metrics.dlqPending = () => pendingDeadLetters(bus, deadLetter, dlqRedriveGroup(c.kafka.consumerGroup));
          return new EventConsumer(db, bus, {
            groupId: c.kafka.consumerGroup,
            topics: SERVICES.filter((s) => s !== c.service).map(topics(c).events),
            topicOwners: Object.fromEntries(SERVICES.map((s) => [topics(c).events(s), s])),
            deadLetterTopic: deadLetter,
            redriveTopic: redrive,
            maxAttempts: c.consumer.maxAttempts,
            backoff: cappedBackoff({ baseMs: c.consumer.retryBaseMs, capMs: c.consumer.retryMaxMs }),
            logger,
            metrics,
          });
        },
      },
      {
        provide: ReadModelRegistration,
        inject: [EventStore, EventConsumer],
        useFactory: (store: EventStore, consumer: EventConsumer) =>
          new ReadModelRegistration(options.readModels ?? { tables: [] }, store, consumer),
      },
      ...httpProviders(),
      {
        provide: IdempotencyKeys,
        inject: [Database, SERVICE_CONFIG],
        useFactory: (db: Database, c: ServiceConfig) =>
          new IdempotencyKeys(db, c.idempotencyKeyTtlSeconds, ABANDONED_REQUEST_SECONDS),
      },
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      IdempotencyKeyPurge,
      PlatformLifecycle,
      DecideHandler,
      ChainCheckpointer,
    ];
    return {
      module: EventPlatformModule,
      imports: [CqrsModule.forRoot(), TerminusModule],
      controllers: [OpsController],
      providers,
      exports: [
        CLOCK,
        SERVICE_CONFIG,
        LOGGER,
        PlatformMetrics,
        ...DATABASE_TOKENS,
        EventStore,
        PostgresEventStore,
        MESSAGE_BUS,
        OutboxRelay,
        EventConsumer,
        ChainCheckpointer,
        StreamTokens,
        CqrsModule,
      ],
    };
  }
}
