import type { CommandBus } from '@nestjs/cqrs';
import { Decide, orThrow, type Caller } from '@upgrade-control/platform';
import { executionStream } from '../application/streams.js';
import type { ExecutionCommand } from '../domain/execution.commands.js';

/** What every write route answers: the stream's new version and the events the command recorded. */
export interface ExecutionReply {
  upgradeId: string;
  streamVersion: number;
  events: string[];
}

/**
 * Decides one command on the upgrade's execution stream; a refusal becomes its problem answer.
 * `at` is the instant the command's facts were gathered at (its moment), so the events record it.
 */
export async function decideExecution(
  commands: CommandBus,
  caller: Caller,
  upgradeId: string,
  command: ExecutionCommand,
  options: { causationId?: string | null; at?: Date } = {},
): Promise<ExecutionReply> {
  const result = orThrow(await commands.execute(Decide.by(caller, executionStream, upgradeId, command, options)));
  return { upgradeId, streamVersion: result.streamVersion, events: result.events.map((e) => e.type) };
}
