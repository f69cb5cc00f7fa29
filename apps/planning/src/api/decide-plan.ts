import type { CommandBus } from '@nestjs/cqrs';
import { Decide, notFoundException, orThrow, type Caller } from '@upgrade-control/platform';
import { upgradePlanStream } from '../application/streams.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import type { UpgradePlanReply } from './plan-replies.response.js';

/**
 * Decides one command on the upgrade plan's stream; a refusal becomes its problem answer. `at` is
 * the instant the command's facts read from the clock, so the events record the same instant.
 */
export async function decidePlan(
  commands: CommandBus,
  caller: Caller,
  upgradeId: string,
  command: PlanCommand,
  options: { at?: Date } = {},
): Promise<UpgradePlanReply> {
  const result = orThrow(await commands.execute(Decide.by(caller, upgradePlanStream, upgradeId, command, options)));
  return { upgradeId, streamVersion: result.streamVersion };
}

/** A query's answer about one plan, or the 404 every plan route gives for an unknown upgrade. */
export function planFound<T>(answer: T | null, upgradeId: string): T {
  if (answer === null) throw notFoundException(`upgrade ${upgradeId} not found`);
  return answer;
}
