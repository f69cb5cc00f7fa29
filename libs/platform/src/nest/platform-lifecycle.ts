import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Database } from '../database/database.js';
import { EventConsumer } from '../messaging/event-consumer.js';
import { OutboxRelay } from '../messaging/outbox-relay.js';
import type { Logger } from '../observability/logger.js';
import { LOGGER } from './tokens.js';

/** Starts relaying and consuming once every module registered its handlers; stops in reverse. */
@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
    private readonly db: Database,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    await this.consumer.start();
    this.logger.info('event platform started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.relay.stop();
    await this.db.close();
  }
}
