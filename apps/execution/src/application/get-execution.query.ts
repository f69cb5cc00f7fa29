import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { ExecutionStatus, Run } from '../domain/execution.state.js';
import { ExecutionFacts } from './execution-facts.js';

export type ExecutionView = { status: ExecutionStatus; streamVersion: number } & Run;

/** The execution of an upgrade as its events make it now, or null when none has started. */
export class GetExecution extends Query<ExecutionView | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetExecutionHandler = queryHandlerFor(GetExecution, ExecutionFacts, async (facts, { upgradeId }) => {
  const { state, streamVersion } = await facts.versionedState(upgradeId);
  return state.status === 'NotStarted' ? null : { status: state.status, ...state.run, streamVersion };
});
