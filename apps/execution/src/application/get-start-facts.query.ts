import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { ImpactedFreeze, Moment, StartEvidence } from '../domain/execution.commands.js';
import { ExecutionFacts, type CompatibilityFinding, type Readiness } from './execution-facts.js';
import { Moments } from './moments.js';

export interface StartFacts {
  readiness: Readiness | null;
  /** Compatibility re-checked against the inventory now; none without a ready plan. */
  findings: CompatibilityFinding[];
  /** Freezes over the impacted assets at the moment; none without a ready plan. */
  impactedFreezes: ImpactedFreeze[];
  evidence: StartEvidence;
  moment: Moment;
}

/** What starting an execution decides on: the ready plan, compatibility now, the window's parts and baselines, the moment. */
export class GetStartFacts extends Query<StartFacts> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetStartFactsHandler = queryHandlerFor(
  GetStartFacts,
  [ExecutionFacts, Moments],
  async ([facts, moments], { upgradeId }) => {
    const readiness = await facts.readiness(upgradeId);
    const findings = readiness ? await facts.findings(readiness.plan) : [];
    const moment = await moments.ofPlan(readiness?.plan ?? null);
    const impactedFreezes = readiness ? await facts.impactedFreezes(readiness.plan, moment.now) : [];
    const evidence = await facts.startEvidence(upgradeId);
    return { readiness, findings, impactedFreezes, evidence, moment };
  },
);
