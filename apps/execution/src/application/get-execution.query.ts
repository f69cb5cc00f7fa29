import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ExecutionStatus, Run } from '../domain/execution.state.js';
import { ExecutionFacts } from './execution-facts.js';

export type ExecutionView = { status: ExecutionStatus } & Run;

/** The execution of an upgrade as its events make it now, or null when none has started. */
export class GetExecution extends Query<ExecutionView | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetExecution)
export class GetExecutionHandler implements IQueryHandler<GetExecution> {
  constructor(private readonly facts: ExecutionFacts) {}

  async execute({ upgradeId }: GetExecution): Promise<ExecutionView | null> {
    const state = await this.facts.state(upgradeId);
    return state.status === 'NotStarted' ? null : { status: state.status, ...state.run };
  }
}
