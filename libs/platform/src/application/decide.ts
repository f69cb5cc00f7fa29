import { Command } from '@nestjs/cqrs';
import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Transaction } from '../database/database.js';
import type { Decider } from '../domain/decider.js';
import type { Caller } from '../event-store/caller.js';
import type { CommandResult } from '../event-store/command-handling.js';

/** A decider and how its streams are named: what the one command handler needs to run it. */
export interface StreamDecider<C> {
  // The handler only passes commands and states through, so the event and state types are open.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  decider: Decider<C, any, any>;
  streamId(id: string): string;
}

/** Who asked: a person or system at the HTTP edge, or another service's event (a reaction). */
export type Origin =
  | { kind: 'caller'; caller: Caller; causationId?: string | null; correlationId?: string }
  | { kind: 'reaction'; cause: EventEnvelope; tx: Transaction };

/**
 * The one command on the CommandBus: decide `command` on the stream `route.streamId(id)`.
 * Controllers, Kafka reactions and timers all dispatch it; `DecideHandler` runs every decider.
 */
export class Decide<C> extends Command<CommandResult> {
  constructor(
    readonly route: StreamDecider<C>,
    readonly id: string,
    readonly command: C,
    readonly origin: Origin,
    /** The instant the caller's facts were gathered at, read from the same clock; else now. */
    readonly at?: Date,
  ) {
    super();
  }

  /** A request from the HTTP edge or a timer; events correlate with `id` unless told otherwise. */
  static by<C>(
    caller: Caller,
    route: StreamDecider<C>,
    id: string,
    command: C,
    options: { causationId?: string | null; correlationId?: string; at?: Date } = {},
  ): Decide<C> {
    const { at, ...rest } = options;
    return new Decide(route, id, command, { kind: 'caller', caller, ...rest }, at);
  }

  /** A reaction to another service's event, committed in the consumer's transaction. */
  static inReactionTo<C>(
    cause: EventEnvelope,
    tx: Transaction,
    route: StreamDecider<C>,
    id: string,
    command: C,
    at?: Date,
  ): Decide<C> {
    return new Decide(route, id, command, { kind: 'reaction', cause, tx }, at);
  }
}
