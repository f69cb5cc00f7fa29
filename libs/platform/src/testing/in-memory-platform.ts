import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { ServiceName } from '@upgrade-control/contracts';
import { DecideHandler } from '../application/decide.handler.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { EventStore } from '../event-store/event-store.js';
import { coreProviders, httpProviders } from '../nest/platform-providers.js';
import { StreamTokens } from '../http/stream-tokens.js';
import { CLOCK, LOGGER, MESSAGE_BUS, SERVICE_CONFIG } from '../nest/tokens.js';
import { PlatformMetrics } from '../observability/metrics.js';
import { InMemoryEventStore } from './in-memory-event-store.js';
import { InMemoryMessageBus } from './in-memory-message-bus.js';

export interface InMemoryPlatformOptions {
  service: ServiceName;
  store?: InMemoryEventStore;
  bus?: InMemoryMessageBus;
  clock?: Clock;
  /** Configuration, as the service reads it from its environment; nothing of the process's own. */
  env?: NodeJS.ProcessEnv;
}

/**
 * EventPlatformModule for tests of a service's slices: the same configuration, clock, command and
 * query buses, DecideHandler and HTTP edge (validation, problem+json, authentication with the
 * development API keys), over InMemoryEventStore and InMemoryMessageBus instead of PostgreSQL
 * and Kafka. No relay, consumer or read-model tables: those are what the integration tests test.
 */
@Global()
@Module({})
export class InMemoryPlatformModule {
  static forService(options: InMemoryPlatformOptions): DynamicModule {
    // A test slice: the development keys are on (NODE_ENV test), whatever the options add.
    const env = { LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.env };
    return {
      module: InMemoryPlatformModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        ...coreProviders(options.service, env, options.clock ?? systemClock),
        ...httpProviders(),
        { provide: EventStore, useValue: options.store ?? new InMemoryEventStore(options.service) },
        { provide: MESSAGE_BUS, useValue: options.bus ?? new InMemoryMessageBus() },
        DecideHandler,
      ],
      exports: [CLOCK, SERVICE_CONFIG, LOGGER, PlatformMetrics, EventStore, MESSAGE_BUS, StreamTokens, CqrsModule],
    };
  }
}
