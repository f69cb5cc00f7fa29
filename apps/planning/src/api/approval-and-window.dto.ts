import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { NOTICE_PHASES } from '@upgrade-control/contracts';
import { IsIsoDateTime, IsNotBlank, IsSafeInt, MAX_MINUTES } from '@upgrade-control/platform';

// Approval, the maintenance window and the notices around it.

/** Minutes of a window estimate: added to the window's start, so bounded. */
const IsMinutes = (): PropertyDecorator => (target, key) => {
  IsSafeInt()(target, key);
  Min(0)(target, key);
  Max(MAX_MINUTES)(target, key);
};

export class ApproveDto {
  @ApiPropertyOptional({ example: 'rollback rehearsed, window fits' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'vendor withdrew the release' }) @IsString() @Length(1, 2000) @IsNotBlank() reason!: string;
}

export class EstimatesDto {
  @ApiProperty({ example: 30 }) @IsMinutes() preparation!: number;
  @ApiProperty({ example: 45 }) @IsMinutes() finalBackup!: number;
  @ApiProperty({ example: 60 }) @IsMinutes() upgrade!: number;
  @ApiProperty({ example: 45 }) @IsMinutes() verification!: number;
  @ApiProperty({ example: 30 }) @IsMinutes() repairBuffer!: number;
  @ApiProperty({ example: 15 }) @IsMinutes() rollbackDecision!: number;
  @ApiProperty({ example: 90 }) @IsMinutes() rollbackExecution!: number;
}

export class WindowDto {
  @ApiProperty({ example: '2026-12-12T20:00:00Z' }) @IsIsoDateTime() startsAt!: string;
  @ApiProperty({ example: '2026-12-13T02:00:00Z' }) @IsIsoDateTime() endsAt!: string;
  @ApiProperty({ type: EstimatesDto }) @ValidateNested() @Type(() => EstimatesDto) estimates!: EstimatesDto;
}

export class NoticeMessageDto {
  @ApiPropertyOptional({ example: 'Sat 21:00 – Sun 03:00 CET' }) @IsOptional() @IsString() expectedTime?: string;
  @ApiPropertyOptional({ example: 'order entry unavailable' }) @IsOptional() @IsString() serviceImpact?: string;
  @ApiPropertyOptional({ example: 'reports run slower until 22:00' }) @IsOptional() @IsString() limitations?: string;
  @ApiPropertyOptional({ example: 'ops desk, +49 30 1234' }) @IsOptional() @IsString() contact?: string;
  @ApiPropertyOptional({ example: 'do not start month-end reports' }) @IsOptional() @IsString() avoid?: string;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() availableAgain?: boolean;
  @ApiPropertyOptional({ example: 'the order form shows the new delivery dates' })
  @IsOptional()
  @IsString()
  changes?: string;
  @ApiPropertyOptional({ example: 'exports older than a year open slowly' })
  @IsOptional()
  @IsString()
  knownIssues?: string;
}

export class NoticeDto {
  @ApiProperty({ example: 'before', enum: NOTICE_PHASES })
  @IsIn([...NOTICE_PHASES])
  phase!: (typeof NOTICE_PHASES)[number];
  @ApiProperty({ example: ['sales', 'finance'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  userGroups!: string[];
  @ApiPropertyOptional({
    example: 'email',
    description: 'the channel receivers should use (informative); it goes out as a webhook',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  channel?: string;
  @ApiPropertyOptional({
    example: '2027-01-14T09:00:00Z',
    description:
      'when the sender says it went out: kept for reference only; the notice counts from when planning receives it',
  })
  @IsOptional()
  @IsIsoDateTime()
  sentAt?: string;
  @ApiProperty({ type: NoticeMessageDto }) @ValidateNested() @Type(() => NoticeMessageDto) message!: NoticeMessageDto;
}
