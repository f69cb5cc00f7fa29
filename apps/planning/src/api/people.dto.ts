import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SUPPORT_ROLES } from '@upgrade-control/contracts';
import { IsIsoDateTime } from '@upgrade-control/platform';
import { ID, idMessage } from './ids.js';

// People behind a plan: the support roles it needs, the on-call roster, the decision owner's consent.

type SupportRole = (typeof SUPPORT_ROLES)[number];

export class SupportRolesDto {
  @ApiProperty({ enum: SUPPORT_ROLES, isArray: true, example: ['dba', 'application-owner'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one support role that must be reachable' })
  @ArrayUnique()
  @IsIn(SUPPORT_ROLES, { each: true })
  roles!: SupportRole[];
}

export class DecisionOwnerDto {
  @ApiProperty({
    example: true,
    description: 'true: the caller takes on the rollback decision the plan names them for',
  })
  @IsIn([true], { message: 'accept must be true: to decline, ask the planner to name another decision owner' })
  accept!: true;
}

export class ShiftDto {
  @ApiPropertyOptional({ example: 'dba-sat-night' }) @IsOptional() @Matches(ID, idMessage) shiftId?: string;
  @ApiProperty({ example: 'dba', enum: SUPPORT_ROLES }) @IsIn(SUPPORT_ROLES) role!: SupportRole;
  @ApiProperty({ example: 'oscar', description: 'the authenticated principal id of the person on call' })
  @IsString()
  @Length(1, 200)
  principal!: string;
  @ApiProperty({ example: '2026-12-12T18:00:00Z' }) @IsIsoDateTime() startsAt!: string;
  @ApiProperty({ example: '2026-12-13T06:00:00Z' }) @IsIsoDateTime() endsAt!: string;
}

export class CancelShiftDto {
  @ApiProperty({ example: 'called away' }) @IsString() @Length(1, 2000) reason!: string;
}
