import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ServiceConfig } from '../config/service-config.js';
import type { Clock } from '../domain/clock.js';
import { appendContext } from '../event-store/caller.js';
import { handleCommand, type CommandResult } from '../event-store/command-handling.js';
import { EventStore } from '../event-store/event-store.js';
import { react } from '../event-store/reaction.js';
import type { Logger } from '../observability/logger.js';
import { CLOCK, LOGGER, SERVICE_CONFIG } from '../nest/tokens.js';
import { Decide } from './decide.js';

/**
 * Runs every decider of a service: load, decide, append (command-handling.ts). Time comes from
 * the injected clock only, so tests that control the clock control every recorded instant.
 */
@CommandHandler(Decide)
export class DecideHandler implements ICommandHandler<Decide<unknown>> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  execute({ route, id, command, origin, at }: Decide<unknown>): Promise<CommandResult> {
    const now = at ?? this.clock();
    const streamId = route.streamId(id);
    if (origin.kind === 'reaction')
      return react(this.store, route.decider, streamId, command, {
        service: this.config.service,
        cause: origin.cause,
        tx: origin.tx,
        now,
        logger: this.logger,
      });
    const { caller, causationId = null, correlationId = id } = origin;
    return handleCommand(
      this.store,
      route.decider,
      streamId,
      command,
      appendContext(caller, correlationId, now, causationId),
      {
        expectedVersion: caller.expectedVersion,
        requireExpectedVersion: this.config.requireIfMatch && caller.fromHttp === true,
      },
    );
  }
}
