import { Query } from '@nestjs/cqrs';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import { planQueryHandler } from './plan-query.js';

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

export const GetSubmissionFactsHandler = planQueryHandler(
  GetSubmissionFacts,
  async ({ plan, facts, leadTimes, monitoringMinimums }) => {
    const findings = await facts.compatibility(plan);
    return {
      findings,
      gateFacts: {
        currentFindings: findings,
        freezesInWindow: [],
        noticeLeadTimes: leadTimes,
        baselines: [],
        monitoringMinimums,
      },
    };
  },
);
