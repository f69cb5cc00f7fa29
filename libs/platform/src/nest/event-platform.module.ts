import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource, type MigrationInterface } from 'typeorm';
import { deadLetterTopic, eventsTopic, redriveTopic, SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config.js';
import { openServiceDataSource } from '../database/data-source.js';
import { Database } from '../database/database.js';
import { DecideHandler } from '../application/decide.handler.js';
import { ensureDatabase } from '../database/ensure-database.js';
import { EventStore } from '../event-store/event-store.js';
import { EventConsumer } from '../messaging/event-consumer.js';
import { KafkaJsBus } from '../messaging/kafka/kafkajs-bus.js';
import type { MessageBus } from '../messaging/message-bus.js';
import { OutboxRelay } from '../messaging/outbox-relay.js';
import { cappedBackoff } from '../messaging/backoff.js';
import { dlqRedriveGroup, pendingDeadLetters } from '../messaging/dead-letters.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { PlatformMetrics } from '../observability/metrics.js';
import { AuthGuard } from '../http/auth.guard.js';
import { OpsController } from '../http/ops.controller.js';
import { ProblemDetailsFilter } from '../http/problem.filter.js';
import { createValidationPipe } from '../http/validation.js';
import { CLOCK, LOGGER, MESSAGE_BUS, SERVICE_CONFIG } from './tokens.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { PlatformLifecycle } from './platform-lifecycle.js';

export interface EventPlatformOptions {
  service: ServiceName;
  migrations?: (new () => MigrationInterface)[];
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
      { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(options.service, options.env ?? process.env) },
      {
        provide: LOGGER,
        inject: [SERVICE_CONFIG],
        useFactory: (c: ServiceConfig) => createLogger(c.service, c.logLevel),
      },
      { provide: PlatformMetrics, useFactory: () => new PlatformMetrics(options.service) },
      {
        provide: DataSource,
        inject: [SERVICE_CONFIG],
        useFactory: async (c: ServiceConfig) => {
          await ensureDatabase(c.databaseUrl);
          return openServiceDataSource(c.databaseUrl, options.migrations ?? []);
        },
      },
      { provide: Database, inject: [DataSource], useFactory: (ds: DataSource) => new Database(ds) },
      {
        provide: EventStore,
        inject: [DataSource, SERVICE_CONFIG],
        useFactory: (ds: DataSource, c: ServiceConfig) => new EventStore(ds, options.service, c.limits.eventBytes),
      },
      {
        provide: MESSAGE_BUS,
        inject: [SERVICE_CONFIG, LOGGER],
        useFactory: async (c: ServiceConfig, logger: Logger) => {
          const bus = new KafkaJsBus({
            clientId: `${c.service}${c.kafka.clientIdSuffix}`,
            brokers: c.kafka.brokers,
            sessionTimeoutMs: c.kafka.sessionTimeoutMs,
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
        inject: [SERVICE_CONFIG, MESSAGE_BUS, LOGGER, PlatformMetrics, EventStore],
        useFactory: (c: ServiceConfig, bus: MessageBus, logger: Logger, metrics: PlatformMetrics, store: EventStore) =>
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
        inject: [SERVICE_CONFIG, DataSource, MESSAGE_BUS, LOGGER, PlatformMetrics],
        useFactory: (c: ServiceConfig, ds: DataSource, bus: MessageBus, logger: Logger, metrics: PlatformMetrics) => {
          const { deadLetter, redrive } = topics(c);
          metrics.dlqPending = () => pendingDeadLetters(bus, deadLetter, dlqRedriveGroup(c.kafka.consumerGroup));
          return new EventConsumer(ds, bus, {
            groupId: c.kafka.consumerGroup,
            topics: SERVICES.filter((s) => s !== c.service).map(topics(c).events),
            deadLetterTopic: deadLetter,
            redriveTopic: redrive,
            maxAttempts: c.consumer.maxAttempts,
            backoff: cappedBackoff({ baseMs: c.consumer.retryBaseMs, capMs: c.consumer.retryMaxMs }),
            logger,
            metrics,
          });
        },
      },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      { provide: APP_FILTER, inject: [LOGGER], useFactory: (logger: Logger) => new ProblemDetailsFilter(logger) },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      PlatformLifecycle,
      DecideHandler,
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
        DataSource,
        Database,
        EventStore,
        MESSAGE_BUS,
        OutboxRelay,
        EventConsumer,
        CqrsModule,
      ],
    };
  }
}
