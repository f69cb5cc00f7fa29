import { NextCursor } from '@upgrade-control/platform';
import { ApiProperty } from '@nestjs/swagger';
import { URGENCIES } from '@upgrade-control/contracts';
import { PLAN_STATUSES, type PlanStatus } from '../domain/upgrade-plan.state.js';

/** One line of the upgrade list. */
export class UpgradeSummary {
  @ApiProperty({ example: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' }) upgradeId!: string;
  @ApiProperty({ example: 'PostgreSQL 15 to 16 for orders' }) title!: string;
  @ApiProperty({ enum: PLAN_STATUSES, example: 'Scheduled' }) status!: PlanStatus;
  @ApiProperty({ enum: URGENCIES, example: 'planned' }) urgency!: string;
  @ApiProperty({ example: 'alice' }) requestedBy!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-17T20:00:00.000Z' })
  windowStartsAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-18T02:00:00.000Z' })
  windowEndsAt!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 12, description: 'the plan’s stream version' })
  streamVersion!: number;

  @ApiProperty({ format: 'date-time', example: '2027-01-10T09:00:00.000Z', description: 'when it was proposed' })
  proposedAt!: string;
}

/** A page of upgrades, most recently proposed first. */
export class UpgradeSummaryPage {
  @ApiProperty({ type: () => [UpgradeSummary] }) items!: UpgradeSummary[];

  @NextCursor() next!: string | null;
}
