import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Moment } from '../domain/execution.commands.js';
import { ExecutionFacts, type CompatibilityFinding, type Readiness } from './execution-facts.js';
import { Moments } from './moments.js';

export interface StartFacts {
  readiness: Readiness | null;
  /** Compatibility re-checked against the inventory now; none without a ready plan. */
  findings: CompatibilityFinding[];
  moment: Moment;
}

/** What starting an execution decides on: the ready plan, compatibility now, the moment. */
export class GetStartFacts extends Query<StartFacts> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetStartFacts)
export class GetStartFactsHandler implements IQueryHandler<GetStartFacts> {
  constructor(
    private readonly facts: ExecutionFacts,
    private readonly moments: Moments,
  ) {}

  async execute({ upgradeId }: GetStartFacts): Promise<StartFacts> {
    const readiness = await this.facts.readiness(upgradeId);
    const findings = readiness ? await this.facts.findings(readiness.plan) : [];
    return { readiness, findings, moment: await this.moments.ofPlan(readiness?.plan ?? null) };
  }
}
