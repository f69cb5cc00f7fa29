import { ApiProperty } from '@nestjs/swagger';
import type { GateResult } from '@upgrade-control/platform/domain';
import { PLAN_STATUSES, type PlanStatus } from '../domain/upgrade-plan.state.js';

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
}
