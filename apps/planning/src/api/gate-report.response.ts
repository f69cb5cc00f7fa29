import { ApiProperty } from '@nestjs/swagger';
import { ANALYSIS_PROVIDERS, WavesDefined } from '@upgrade-control/contracts';
import { ContractProperty } from '@upgrade-control/platform';
import type { GateResult } from '@upgrade-control/platform/domain';
import { PLAN_STATUSES, type PlanStatus } from '../domain/upgrade-plan.state.js';

/** One analysis metric as the approver reads it (domain/analysis-summary.ts). */
export class AnalysisSummaryView {
  @ApiProperty({ example: 'p95-latency' }) name!: string;
  @ApiProperty({ enum: ANALYSIS_PROVIDERS, example: 'prometheus' }) provider!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'the one target watched; null: every target',
  })
  assetId!: string | null;
  @ApiProperty({
    example:
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{asset="{{assetId}}"}[5m])))',
  })
  query!: string;
  @ApiProperty({
    example:
      "fails when the values are higher than the baseline's (Mann-Whitney U at 95% confidence) with a rank-biserial effect of at least 0.3; no data counts as inconclusive",
  })
  judgement!: string;
  @ApiProperty({ example: '30 run(s) every 60 s, against the same hours on each of the 7 day(s) before the window' })
  schedule!: string;
  @ApiProperty({
    example:
      'more than 0 failed run(s): the analysis fails, rollback mode confirm; more than 2 inconclusive run(s) or more than 3 consecutive error(s): pause',
  })
  limits!: string;
}

/** Every gate on the facts of now, as readiness would check them. */
export class UpgradeGateReport {
  @ApiProperty({ example: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' })
  upgradeId!: string;

  @ApiProperty({ enum: PLAN_STATUSES, example: 'Draft', description: 'the plan’s lifecycle status' })
  status!: PlanStatus;

  // The one gate schema, shared with the 422 gate refusal (libs/platform/src/http/problem-schemas.ts).
  @ApiProperty({
    type: 'array',
    items: { $ref: '#/components/schemas/GateResult' },
    description:
      'every gate, always in the same order; submit refuses while a gate of its subset fails, ready while any fails',
  })
  gates!: GateResult[];

  @ApiProperty({
    type: [AnalysisSummaryView],
    description: 'the metric analysis monitoring runs after release, in words: shown for the approver, not a gate',
  })
  analysis!: AnalysisSummaryView[];

  @ContractProperty(WavesDefined.schema.omit({ upgradeId: true }), {
    nullable: true,
    example: null,
    description:
      'the staged rollout the gates judge (pilot-wave, waves): each wave with its resolved targets, window, acceptance, analysis, bake time and promotion; null: no waves',
  })
  waves!: unknown;
}
