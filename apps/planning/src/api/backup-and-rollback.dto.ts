import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TRIGGER_MODES } from '@upgrade-control/contracts';
import { IsSafeInt, MAX_MINUTES } from '@upgrade-control/platform';
import { ID, idMessage } from './ids.js';

// The way back: backups, the rollback plan and its rehearsal.

export class BackupPlanDto {
  @ApiPropertyOptional({ example: 'orders-full' }) @IsOptional() @Matches(ID, idMessage) backupId?: string;
  @ApiProperty({ example: 'orders-db' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: 'data-and-configuration', enum: ['data', 'configuration', 'data-and-configuration'] })
  @IsIn(['data', 'configuration', 'data-and-configuration'])
  scope!: 'data' | 'configuration' | 'data-and-configuration';
  @ApiProperty({ example: 'pg_basebackup with WAL archive' }) @IsString() @Length(1, 500) method!: string;
  @ApiProperty({ example: 's3://backups/orders' }) @IsString() @Length(1, 500) location!: string;
  @ApiProperty({ example: 30 }) @IsSafeInt() @Min(1) retentionDays!: number;
  @ApiProperty({ example: 'restore to standby and promote' }) @IsString() @Length(1, 500) restoreMethod!: string;
  @ApiProperty({ example: 45 }) @IsSafeInt() @Min(0) @Max(MAX_MINUTES) expectedRestoreMinutes!: number;
}

export class RollbackTriggerDto {
  @ApiPropertyOptional({ example: 'error-rate' }) @IsOptional() @Matches(ID, idMessage) triggerId?: string;
  @ApiProperty({ example: 'metric-threshold', enum: ['acceptance-failure', 'metric-threshold', 'decision-deadline'] })
  @IsIn(['acceptance-failure', 'metric-threshold', 'decision-deadline'])
  kind!: 'acceptance-failure' | 'metric-threshold' | 'decision-deadline';
  @ApiProperty({ example: 'confirm', enum: TRIGGER_MODES }) @IsIn(TRIGGER_MODES) mode!: (typeof TRIGGER_MODES)[number];
  @ApiPropertyOptional({ example: 'error_rate' }) @IsOptional() @IsString() metric?: string;
  @ApiPropertyOptional({
    example: 'above-baseline-factor',
    enum: ['above-baseline-factor', 'above-absolute', 'below-absolute'],
  })
  @IsOptional()
  @IsIn(['above-baseline-factor', 'above-absolute', 'below-absolute'])
  comparison?: 'above-baseline-factor' | 'above-absolute' | 'below-absolute';
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsNumber() threshold?: number;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsSafeInt() @Min(0) @Max(MAX_MINUTES) sustainedMinutes?: number;
  @ApiPropertyOptional({ example: 'orders-db' }) @IsOptional() @IsString() @Length(1, 200) assetId?: string;
}

export class RollbackPlanDto {
  @ApiProperty({
    example: 'oscar',
    description: 'the principal id of who decides on rollback; they accept the role themselves (decision-owner)',
  })
  @IsString()
  @Length(1, 200)
  decisionOwner!: string;
  @ApiProperty({ type: [RollbackTriggerDto], description: 'at least one: what makes the team roll back' })
  @IsArray()
  @ArrayMinSize(1, { message: 'triggers must name at least one rollback trigger' })
  @ValidateNested({ each: true })
  @Type(() => RollbackTriggerDto)
  triggers!: RollbackTriggerDto[];
  @ApiProperty({ example: ['stop application', 'restore base backup', 'start application'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  steps!: string[];
  @ApiProperty({ example: 90 }) @IsSafeInt() @Min(0) @Max(MAX_MINUTES) estimatedMinutes!: number;
  @ApiProperty({ example: 'none: order entry stopped during the window' })
  @IsString()
  @Length(1, 2000)
  dataLossExposure!: string;
  @ApiProperty({ example: 'reversible', enum: ['reversible', 'forward-fix-only'] })
  @IsIn(['reversible', 'forward-fix-only'])
  reversibility!: 'reversible' | 'forward-fix-only';
  @ApiPropertyOptional({ example: 15, default: 15 })
  @IsOptional()
  @IsSafeInt()
  @Min(1)
  @Max(MAX_MINUTES)
  confirmTimeoutMinutes?: number;
  @ApiPropertyOptional({ example: 'rollback', enum: ['rollback', 'continue'], default: 'rollback' })
  @IsOptional()
  @IsIn(['rollback', 'continue'])
  defaultDecision?: 'rollback' | 'continue';
}

export class RehearsalDto {
  @ApiProperty({ example: 'succeeded', enum: ['succeeded', 'partial', 'failed'] })
  @IsIn(['succeeded', 'partial', 'failed'])
  outcome!: 'succeeded' | 'partial' | 'failed';
  @ApiProperty({ example: 70 }) @IsSafeInt() @Min(0) @Max(MAX_MINUTES) durationMinutes!: number;
  @ApiPropertyOptional({ example: 'restore on staging took 70 minutes' }) @IsOptional() @IsString() notes?: string;
}
