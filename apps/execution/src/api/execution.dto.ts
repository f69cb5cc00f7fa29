import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { ANY_JSON_VALUE, IsNotBlank } from '@upgrade-control/platform';

export class ConfigurationChangeDto {
  @ApiProperty({ example: 'orders-db-berlin' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: 'parameters.max_connections' }) @IsString() @Length(1, 1000) path!: string;
  /**
   * Any JSON value, as the contract says (z.unknown()). What a DTO cannot check here (control
   * characters, nesting, Infinity) the platform's input guard refuses; the size, the event limit.
   */
  @ApiPropertyOptional({ ...ANY_JSON_VALUE, example: 100 }) @IsOptional() before?: unknown;
  @ApiPropertyOptional({ ...ANY_JSON_VALUE, example: 200 }) @IsOptional() after?: unknown;
}

export class CompleteStepDto {
  @ApiProperty({ example: 'pg_upgrade finished, 0 warnings' }) @IsString() @Length(0, 4000) outputSummary!: string;
  @ApiProperty({ example: 1320 }) @IsNumber() @Min(0) durationSeconds!: number;
  @ApiPropertyOptional({ type: [ConfigurationChangeDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ConfigurationChangeDto)
  configurationChanges?: ConfigurationChangeDto[];
}

export class FailStepDto {
  @ApiProperty({ example: 'pg_upgrade: incompatible extension pg_cron' })
  @IsString()
  @Length(1, 4000)
  @IsNotBlank()
  error!: string;
  @ApiProperty({ example: 60 }) @IsNumber() @Min(0) durationSeconds!: number;
}

export class SkipStepDto {
  @ApiProperty({ example: 'the cache warm-up is not needed: the cache was emptied on purpose' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason!: string;
}

export class AcceptanceCheckDto {
  @ApiProperty({ example: 'orders' }) @IsString() @Length(1, 200) criterionId!: string;
  @ApiProperty({ enum: ['passed', 'failed'], example: 'passed' }) @IsIn(['passed', 'failed']) outcome!:
    'passed' | 'failed';
  @ApiProperty({ example: 'test order 4711 committed in 180 ms' }) @IsString() @Length(0, 4000) evidence!: string;
}

export class LogFindingDto {
  @ApiProperty({ enum: ['info', 'warning', 'error'], example: 'info' }) @IsIn(['info', 'warning', 'error']) severity!:
    'info' | 'warning' | 'error';
  @ApiProperty({ example: 'postgresql.log' }) @IsString() source!: string;
  @ApiProperty({ example: 'no errors since restart' }) @IsString() message!: string;
}

export class LogReviewDto {
  @ApiProperty({ type: [LogFindingDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LogFindingDto)
  findings!: LogFindingDto[];
}

export class TriggerRollbackDto {
  @ApiProperty({ example: 'orders fail to commit' }) @IsString() @Length(1, 2000) @IsNotBlank() reason!: string;
  @ApiPropertyOptional({
    description: 'why it cannot wait, when outside the window or inside a freeze',
    example: 'orders are failing now; waiting for the window loses more',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  breakGlassWhy?: string;
}

export class RollbackDecisionDto {
  @ApiProperty({ enum: ['rollback', 'continue'], example: 'continue' }) @IsIn(['rollback', 'continue']) decision!:
    'rollback' | 'continue';
  @ApiProperty({ example: 'latency is the nightly batch, not the upgrade' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason!: string;
}

export class CompleteRollbackDto {
  @ApiProperty({ example: 'none: order entry was stopped' }) @IsString() @Length(1, 2000) dataLossExposure!: string;
}

export class ForwardFixDto {
  @ApiProperty({ example: 'apply 16.2.1 hotfix within 24 h' }) @IsString() @Length(1, 4000) @IsNotBlank() plan!: string;
}
