import type { OnModuleInit } from '@nestjs/common';
import type { EventStore } from '../event-store/event-store.js';
import type { EventConsumer } from '../messaging/event-consumer.js';
import { registerReadModels, type ReadModels } from '../read-models/read-models.js';

/**
 * Registers a service's read models on its store and consumer as the platform module starts, so
 * before any module of the service appends, reacts or consumes.
 */
export class ReadModelRegistration implements OnModuleInit {
  constructor(
    private readonly models: ReadModels,
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
  ) {}

  onModuleInit(): void {
    registerReadModels(this.models, this.store, this.consumer);
  }
}
