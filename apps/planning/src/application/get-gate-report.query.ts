import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { GateResult } from '@upgrade-control/platform/domain';
import { evaluateGates } from '../domain/gates.js';
import type { NoticeLeadTimes } from '../domain/policy.js';
import type { PlanStatus } from '../domain/upgrade-plan.state.js';
import { readinessFactsOf } from './get-readiness-facts.query.js';
import { NOTICE_LEAD_TIMES } from './notice-lead-times.js';
import { PlanFacts } from './plan-facts.js';
import { PlanReadModel } from './plan-read-model.js';

export interface GateReport {
  upgradeId: string;
  status: PlanStatus;
  gates: GateResult[];
}

/** Every gate on the facts of now, as readiness would check them; null when there is no such plan. */
export class GetGateReport extends Query<GateReport | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetGateReport)
export class GetGateReportHandler implements IQueryHandler<GetGateReport> {
  constructor(
    private readonly plans: PlanReadModel,
    private readonly facts: PlanFacts,
    @Inject(NOTICE_LEAD_TIMES) private readonly leadTimes: NoticeLeadTimes,
  ) {}

  async execute({ upgradeId }: GetGateReport): Promise<GateReport | null> {
    const current = await this.plans.plan(upgradeId);
    if (!current) return null;
    const { status, plan } = current;
    const facts = await readinessFactsOf(this.facts, plan, this.leadTimes);
    return { upgradeId, status, gates: evaluateGates(plan, { ...facts, status }) };
  }
}
