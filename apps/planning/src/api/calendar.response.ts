import { ApiProperty } from '@nestjs/swagger';
import { ChangeFreezeDeclared } from '@upgrade-control/contracts';
import { ContractProperty, NextCursor } from '@upgrade-control/platform';
import { PLAN_STATUSES, type PlanStatus } from '../domain/upgrade-plan.state.js';

const dateTime = (example: string) => ({ type: String, format: 'date-time', example }) as const;

/** A freeze or blackout on the change calendar. */
export class CalendarFreeze {
  @ApiProperty({ example: 'year-end-2026' }) freezeId!: string;
  @ApiProperty({ enum: ['freeze', 'blackout'], example: 'freeze' }) kind!: 'freeze' | 'blackout';
  @ApiProperty({ example: 'year-end closing' }) name!: string;
  @ApiProperty(dateTime('2026-12-20T00:00:00.000Z')) startsAt!: string;
  @ApiProperty(dateTime('2027-01-04T00:00:00.000Z')) endsAt!: string;

  @ContractProperty(ChangeFreezeDeclared.schema.shape.scope, {
    example: { all: false, assetIds: ['orders-db'], sites: ['berlin'] },
    description: 'everything (all), or the assets and sites named',
  })
  scope!: unknown;

  @ApiProperty({ example: 'financial closing' }) reason!: string;
}

/** A scheduled upgrade window on the calendar (plans neither cancelled nor rejected). */
export class CalendarUpgradeWindow {
  @ApiProperty({ example: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' }) upgradeId!: string;
  @ApiProperty({ example: 'PostgreSQL 15 to 16 for orders' }) title!: string;
  @ApiProperty({ enum: PLAN_STATUSES, example: 'Scheduled' }) status!: PlanStatus;
  @ApiProperty(dateTime('2027-01-17T20:00:00.000Z')) startsAt!: string;
  @ApiProperty(dateTime('2027-01-18T02:00:00.000Z')) endsAt!: string;
  @ApiProperty({ type: [String], example: ['orders-db'], description: 'the plan’s targets' }) assetIds!: string[];
}

/**
 * A page of the freezes, blackouts and upgrade windows overlapping [from, to): both kinds as one
 * list by (start, id), at most `limit` together, split into the two arrays.
 */
export class ChangeCalendar {
  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'the period asked for, as given' }) from!: string;
  @ApiProperty({ example: '2027-01-31T00:00:00Z' }) to!: string;
  @ApiProperty({ type: () => [CalendarFreeze] }) freezes!: CalendarFreeze[];
  @ApiProperty({ type: () => [CalendarUpgradeWindow] }) upgrades!: CalendarUpgradeWindow[];
  @NextCursor() next!: string | null;
}
