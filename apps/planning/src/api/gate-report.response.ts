import { ApiProperty } from '@nestjs/swagger';
import { PLAN_STATUSES, type PlanStatus } from '../domain/upgrade-plan.state.js';

const GATE_STATUSES = ['passed', 'failed', 'waived', 'not-applicable'] as const;

/** One gate of the plan: the rule it enforces, how it stands and what would make it pass. */
export class UpgradeGate {
  @ApiProperty({
    example: 'rollback',
    description:
      'the gate’s stable name: purpose, impact, compatibility, compatibility-unknown, backup, rollback, ' +
      'rollback-rehearsal, test-evidence, acceptance-criteria, runbook, approval, maintenance-window, support-roster, ' +
      'monitoring-period, monitoring-baseline, communication, after-notice, rollback-notice, post-implementation-review',
  })
  gate!: string;

  @ApiProperty({
    example:
      'Prepare rollback before deployment: decision owner, triggers, steps, duration, data-loss exposure; irreversible changes acknowledged.',
    description: 'the rule of the rule book the gate enforces, in words',
  })
  rule!: string;

  @ApiProperty({
    enum: GATE_STATUSES,
    example: 'failed',
    description:
      'passed: the facts satisfy the rule; failed: they do not (submit or ready is refused); waived: an approver accepted ' +
      'the failing facts with a reason; not-applicable: the rule does not apply to this plan (e.g. no rehearsal for low risk)',
  })
  status!: (typeof GATE_STATUSES)[number];

  @ApiProperty({
    type: [String],
    example: ['dba-on-call accepting the rollback decision'],
    description: 'what is missing, one line each; empty unless the gate failed',
  })
  missing!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'dba-on-call: POST /upgrades/{id}/rollback-plan/decision-owner {"accept": true}',
    description: 'what to do so the gate passes; null when nothing is to be done',
  })
  fix!: string | null;
}

/** Every gate on the facts of now, as readiness would check them. */
export class UpgradeGateReport {
  @ApiProperty({ example: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' })
  upgradeId!: string;

  @ApiProperty({ enum: PLAN_STATUSES, example: 'Draft', description: 'the plan’s lifecycle status' })
  status!: PlanStatus;

  @ApiProperty({
    type: () => [UpgradeGate],
    description:
      'every gate, always in the same order; submit refuses while a gate of its subset fails, ready while any fails',
  })
  gates!: UpgradeGate[];
}
