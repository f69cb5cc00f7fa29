import { ApiProperty } from '@nestjs/swagger';
import { SUPPORT_ROLES } from '@upgrade-control/contracts';
import { NextCursor } from '@upgrade-control/platform';
import type { SupportRole } from '../domain/support/coverage.js';

/** A shift on call that still holds (not cancelled). */
export class SupportShift {
  @ApiProperty({ example: 'dba-2027-01-17' }) shiftId!: string;
  @ApiProperty({ enum: SUPPORT_ROLES, example: 'dba' }) role!: SupportRole;
  @ApiProperty({ example: 'dana', description: 'the principal on call' }) principal!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2027-01-17T18:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2027-01-18T06:00:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: 'alice', description: 'who recorded the shift' }) recordedBy!: string;
}

/** A page of who is on call for which support role in a period: shifts overlapping [from, to), by start. */
export class SupportRoster {
  @ApiProperty({ example: '2027-01-17T00:00:00Z', description: 'the period asked for, as given' }) from!: string;
  @ApiProperty({ example: '2027-01-19T00:00:00Z' }) to!: string;
  @ApiProperty({ type: () => [SupportShift] }) items!: SupportShift[];
  @NextCursor() next!: string | null;
}
