import { Query } from '@nestjs/cqrs';
import type { GateResult } from '@upgrade-control/platform/domain';
import { summarizeAnalysis, type AnalysisSummary } from '../domain/analysis-summary.js';
import { evaluateGates } from '../domain/gates.js';
import type { Plan, PlanStatus } from '../domain/upgrade-plan.state.js';
import { readinessFactsOf } from './get-readiness-facts.query.js';
import { planQueryHandler } from './plan-query.js';

export interface GateReport {
  upgradeId: string;
  status: PlanStatus;
  gates: GateResult[];
  /** The metric analysis monitoring will run after release: shown, not a gate. */
  analysis: AnalysisSummary[];
  /** The staged rollout, as the plan holds it (issue 18). */
  waves: Plan['waves'];
}

/** Every gate on the facts of now, as readiness would check them; null when there is no such plan. */
export class GetGateReport extends Query<GateReport | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetGateReportHandler = planQueryHandler(
  GetGateReport,
  async ({ status, plan, facts, leadTimes, roster, monitoringMinimums }, { upgradeId }) => ({
    upgradeId,
    status,
    gates: evaluateGates(plan, {
      ...(await readinessFactsOf(facts, plan, leadTimes, roster, monitoringMinimums)),
      status,
    }),
    analysis: summarizeAnalysis(plan.analysis),
    waves: plan.waves,
  }),
);
