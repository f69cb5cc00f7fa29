import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { NoticeLeadTimes } from '../domain/policy.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import { NOTICE_LEAD_TIMES } from './notice-lead-times.js';
import { PlanFacts } from './plan-facts.js';
import { PlanReadModel } from './plan-read-model.js';

export type SubmissionFacts = Omit<Extract<PlanCommand, { type: 'SubmitUpgrade' }>, 'type'>;

/**
 * What submitting to approval decides on: compatibility re-checked now; freezes are not a
 * submission gate (the window may still move). Null when there is no such plan.
 */
export class GetSubmissionFacts extends Query<SubmissionFacts | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetSubmissionFacts)
export class GetSubmissionFactsHandler implements IQueryHandler<GetSubmissionFacts> {
  constructor(
    private readonly plans: PlanReadModel,
    private readonly facts: PlanFacts,
    @Inject(NOTICE_LEAD_TIMES) private readonly leadTimes: NoticeLeadTimes,
  ) {}

  async execute({ upgradeId }: GetSubmissionFacts): Promise<SubmissionFacts | null> {
    const current = await this.plans.plan(upgradeId);
    if (!current) return null;
    const findings = await this.facts.compatibility(current.plan);
    return { findings, gateFacts: { currentFindings: findings, freezesInWindow: [], noticeLeadTimes: this.leadTimes } };
  }
}
