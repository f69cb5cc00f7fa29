import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { ACCEPTANCE_KINDS, PURPOSE_CATEGORIES, TRIGGER_MODES, URGENCIES } from '@upgrade-control/contracts';
import { IsIsoDateTime, IsNotBlank, IsSafeInt, MAX_MINUTES } from '@upgrade-control/platform';

/** Minutes of a window estimate: added to the window's start, so bounded. */
const IsMinutes = (): PropertyDecorator => (target, key) => {
  IsSafeInt()(target, key);
  Min(0)(target, key);
  Max(MAX_MINUTES)(target, key);
};

const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const idMessage = { message: '$property must be lowercase letters, digits, ".", "_" or "-"' };

export class UrgencyOverrideDto {
  @ApiProperty({ enum: URGENCIES, example: 'emergency' }) @IsIn(URGENCIES) urgency!: (typeof URGENCIES)[number];
  @ApiProperty({ example: 'vulnerability is being exploited against our portal' })
  @IsString()
  @Length(10, 2000)
  @IsNotBlank()
  justification!: string;
}

export class TargetDto {
  @ApiProperty({ example: 'orders-db-berlin' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: '16.2' }) @IsString() @Length(1, 100) toVersion!: string;
}

export class ProposeUpgradeDto {
  @ApiPropertyOptional({ example: 'pg16-orders' }) @IsOptional() @Matches(ID, idMessage) upgradeId?: string;
  @ApiProperty({ example: 'PostgreSQL 16 for the orders database' }) @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ enum: PURPOSE_CATEGORIES, example: 'end-of-support' })
  @IsIn(PURPOSE_CATEGORIES)
  category!: (typeof PURPOSE_CATEGORIES)[number];
  @ApiProperty({ example: 'replace PostgreSQL 15 before its end of support' })
  @IsString()
  @Length(1, 4000)
  @IsNotBlank()
  purpose!: string;
  @ApiPropertyOptional({ type: UrgencyOverrideDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UrgencyOverrideDto)
  urgencyOverride?: UrgencyOverrideDto;
  @ApiProperty({ type: [TargetDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets!: TargetDto[];
}

export class AddTargetDto extends TargetDto {
  @ApiProperty({ example: 'its reporting driver needs a version that speaks PostgreSQL 16' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason!: string;
}

export class AssessImpactDto {
  @ApiPropertyOptional({ example: 'orders: 99.9 % monthly' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  slaNote?: string;
}

export class WaiverDto {
  @ApiProperty() @IsString() @Length(1, 200) ruleId!: string;
  @ApiProperty() @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty() @IsString() @Length(1, 200) otherAssetId!: string;
  @ApiProperty({ example: 'vendor hotfix 4.2.7 installed and tested' })
  @IsString()
  @Length(10, 2000)
  @IsNotBlank()
  reason!: string;
}

export class BackupPlanDto {
  @ApiPropertyOptional({ example: 'orders-full' }) @IsOptional() @Matches(ID, idMessage) backupId?: string;
  @ApiProperty() @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ enum: ['data', 'configuration', 'data-and-configuration'] })
  @IsIn(['data', 'configuration', 'data-and-configuration'])
  scope!: 'data' | 'configuration' | 'data-and-configuration';
  @ApiProperty({ example: 'pg_basebackup with WAL archive' }) @IsString() @Length(1, 500) method!: string;
  @ApiProperty({ example: 's3://backups/orders' }) @IsString() @Length(1, 500) location!: string;
  @ApiProperty({ example: 30 }) @IsSafeInt() @Min(1) retentionDays!: number;
  @ApiProperty({ example: 'restore to standby and promote' }) @IsString() @Length(1, 500) restoreMethod!: string;
  @ApiProperty({ example: 45 }) @IsSafeInt() @Min(0) @Max(MAX_MINUTES) expectedRestoreMinutes!: number;
}

export class RollbackTriggerDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID, idMessage) triggerId?: string;
  @ApiProperty({ enum: ['acceptance-failure', 'metric-threshold', 'decision-deadline'] })
  @IsIn(['acceptance-failure', 'metric-threshold', 'decision-deadline'])
  kind!: 'acceptance-failure' | 'metric-threshold' | 'decision-deadline';
  @ApiProperty({ enum: TRIGGER_MODES }) @IsIn(TRIGGER_MODES) mode!: (typeof TRIGGER_MODES)[number];
  @ApiPropertyOptional({ example: 'error_rate' }) @IsOptional() @IsString() metric?: string;
  @ApiPropertyOptional({ enum: ['above-baseline-factor', 'above-absolute', 'below-absolute'] })
  @IsOptional()
  @IsIn(['above-baseline-factor', 'above-absolute', 'below-absolute'])
  comparison?: 'above-baseline-factor' | 'above-absolute' | 'below-absolute';
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsNumber() threshold?: number;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsSafeInt() @Min(0) @Max(MAX_MINUTES) sustainedMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) assetId?: string;
}

export class RollbackPlanDto {
  @ApiProperty({ example: 'dora' }) @IsString() @Length(1, 200) decisionOwner!: string;
  @ApiProperty({ type: [RollbackTriggerDto] })
  @IsArray()
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
  @ApiProperty({ enum: ['reversible', 'forward-fix-only'] }) @IsIn(['reversible', 'forward-fix-only']) reversibility!:
    'reversible' | 'forward-fix-only';
  @ApiPropertyOptional({ description: 'who acknowledged that a forward-fix-only change cannot be rolled back' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  irreversibleAcknowledgedBy?: string;
  @ApiPropertyOptional({ default: 15 })
  @IsOptional()
  @IsSafeInt()
  @Min(1)
  @Max(MAX_MINUTES)
  confirmTimeoutMinutes?: number;
  @ApiPropertyOptional({ enum: ['rollback', 'continue'], default: 'rollback' })
  @IsOptional()
  @IsIn(['rollback', 'continue'])
  defaultDecision?: 'rollback' | 'continue';
}

export class RehearsalDto {
  @ApiProperty({ enum: ['succeeded', 'partial', 'failed'] }) @IsIn(['succeeded', 'partial', 'failed']) outcome!:
    'succeeded' | 'partial' | 'failed';
  @ApiProperty({ example: 70 }) @IsSafeInt() @Min(0) @Max(MAX_MINUTES) durationMinutes!: number;
  @ApiPropertyOptional({ example: 'restore on staging took 70 minutes' }) @IsOptional() @IsString() notes?: string;
}

export class CriterionDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID, idMessage) criterionId?: string;
  @ApiProperty({ example: 1 }) @IsSafeInt() @Min(1) order!: number;
  @ApiProperty({ enum: ACCEPTANCE_KINDS }) @IsIn(ACCEPTANCE_KINDS) kind!: (typeof ACCEPTANCE_KINDS)[number];
  @ApiProperty() @IsBoolean() core!: boolean;
  @ApiProperty({ example: 'orders can be placed' }) @IsString() @Length(1, 500) description!: string;
  @ApiProperty({ example: 'a test order commits within 2 s' }) @IsString() @Length(1, 500) passCondition!: string;
}

export class AcceptanceCriteriaDto {
  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

export class TestEvidenceDto {
  @ApiProperty({ example: 'staging, refreshed from production last week' })
  @IsString()
  @Length(1, 500)
  environment!: string;
  @ApiProperty() @IsBoolean() representativeData!: boolean;
  @ApiProperty({ example: ['clerk', 'manager'] }) @IsArray() @IsString({ each: true }) rolesCovered!: string[];
  @ApiProperty({ example: ['reportly'] }) @IsArray() @IsString({ each: true }) integrationsCovered!: string[];
  @ApiProperty() @IsBoolean() loadTested!: boolean;
  @ApiProperty({ enum: ['passed', 'passed-with-issues', 'failed'] })
  @IsIn(['passed', 'passed-with-issues', 'failed'])
  outcome!: 'passed' | 'passed-with-issues' | 'failed';
  @ApiProperty({ example: 'all core workflows passed under 2x load' }) @IsString() summary!: string;
}

export class StepDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID, idMessage) stepId?: string;
  @ApiProperty({ example: 1 }) @IsSafeInt() @Min(1) order!: number;
  @ApiProperty({ example: 'take the final backup' }) @IsString() @Length(1, 500) description!: string;
}

export class RunbookDto {
  @ApiProperty({ type: [StepDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => StepDto)
  steps!: StepDto[];
}

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
  @ApiPropertyOptional() @IsOptional() @IsString() limitations?: string;
  @ApiPropertyOptional({ example: 'ops desk, +49 30 1234' }) @IsOptional() @IsString() contact?: string;
  @ApiPropertyOptional({ example: 'do not start month-end reports' }) @IsOptional() @IsString() avoid?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() availableAgain?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() changes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() knownIssues?: string;
}

export class NoticeDto {
  @ApiProperty({ enum: ['before', 'after'] }) @IsIn(['before', 'after']) phase!: 'before' | 'after';
  @ApiProperty({ example: ['sales', 'finance'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  userGroups!: string[];
  @ApiProperty({ example: 'email' }) @IsString() @Length(1, 100) channel!: string;
  @ApiPropertyOptional({ description: 'when it was sent; now when absent' })
  @IsOptional()
  @IsIsoDateTime()
  sentAt?: string;
  @ApiProperty({ type: NoticeMessageDto }) @ValidateNested() @Type(() => NoticeMessageDto) message!: NoticeMessageDto;
}

export class FreezeScopeDto {
  @ApiProperty() @IsBoolean() all!: boolean;
  @ApiPropertyOptional({ example: ['orders-db-berlin'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  assetIds?: string[];
  @ApiPropertyOptional({ example: ['berlin'] }) @IsOptional() @IsArray() @IsString({ each: true }) sites?: string[];
}

export class FreezeDto {
  @ApiPropertyOptional({ example: 'year-end-2026' }) @IsOptional() @Matches(ID, idMessage) freezeId?: string;
  @ApiProperty({ enum: ['freeze', 'blackout'] }) @IsIn(['freeze', 'blackout']) kind!: 'freeze' | 'blackout';
  @ApiProperty({ example: 'year-end closing' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '2026-12-20T00:00:00Z' }) @IsIsoDateTime() startsAt!: string;
  @ApiProperty({ example: '2027-01-04T00:00:00Z' }) @IsIsoDateTime() endsAt!: string;
  @ApiProperty({ type: FreezeScopeDto }) @ValidateNested() @Type(() => FreezeScopeDto) scope!: FreezeScopeDto;
  @ApiProperty({ example: 'financial closing' }) @IsString() @Length(1, 2000) reason!: string;
}

export class CalendarQueryDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsIsoDateTime() from!: string;
  @ApiProperty({ example: '2027-01-31T00:00:00Z' }) @IsIsoDateTime() to!: string;
}

export class MonitoringPeriodDto {
  @ApiProperty({ example: 1440 }) @IsSafeInt() @Min(1) @Max(MAX_MINUTES) minutes!: number;
  @ApiProperty({ example: 'one full business day covers the nightly batch and the morning peak' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason!: string;
}
