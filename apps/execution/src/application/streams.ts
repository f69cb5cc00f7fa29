import type { StreamDecider } from '@upgrade-control/platform';
import type { ExecutionCommand } from '../domain/execution.commands.js';
import { executionDecider, executionStreamId } from '../domain/execution.decider.js';

/** Execution's one stream per upgrade: what every `Decide` of this service is routed to. */
export const executionStream: StreamDecider<ExecutionCommand> = {
  decider: executionDecider,
  streamId: executionStreamId,
};
