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
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACCEPTANCE_KINDS } from '@upgrade-control/contracts';
import { IsNotBlank, IsSafeInt, MAX_MINUTES } from '@upgrade-control/platform';
import { ID, idMessage } from './ids.js';

// How success is shown: acceptance criteria, test evidence, the runbook and the monitoring period.

export class CriterionDto {
  @ApiPropertyOptional({ example: 'orders-flow' }) @IsOptional() @Matches(ID, idMessage) criterionId?: string;
  @ApiProperty({ example: 1 }) @IsSafeInt() @Min(1) order!: number;
  @ApiProperty({ example: 'core-workflow', enum: ACCEPTANCE_KINDS })
  @IsIn(ACCEPTANCE_KINDS)
  kind!: (typeof ACCEPTANCE_KINDS)[number];
  @ApiProperty({ example: true }) @IsBoolean() core!: boolean;
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

/** One pair of assets, at the versions the test run exercised them together. */
export class PairCoveredDto {
  @ApiProperty({ example: 'orders-db' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: '16.2' }) @IsString() @Length(1, 100) assetVersion!: string;
  @ApiProperty({ example: 'reportly' }) @IsString() @Length(1, 200) otherAssetId!: string;
  @ApiProperty({ example: '4.2' }) @IsString() @Length(1, 100) otherVersion!: string;
}

export class TestEvidenceDto {
  @ApiProperty({ example: 'staging, refreshed from production last week' })
  @IsString()
  @Length(1, 500)
  environment!: string;
  @ApiProperty({ example: true }) @IsBoolean() representativeData!: boolean;
  @ApiProperty({ example: ['clerk', 'manager'] }) @IsArray() @IsString({ each: true }) rolesCovered!: string[];
  @ApiProperty({ example: ['reportly'] }) @IsArray() @IsString({ each: true }) integrationsCovered!: string[];
  @ApiProperty({ example: true }) @IsBoolean() loadTested!: boolean;
  @ApiProperty({ example: 'passed', enum: ['passed', 'passed-with-issues', 'failed'] })
  @IsIn(['passed', 'passed-with-issues', 'failed'])
  outcome!: 'passed' | 'passed-with-issues' | 'failed';
  @ApiProperty({ example: 'all core workflows passed under 2x load' }) @IsString() summary!: string;
  @ApiPropertyOptional({
    type: [PairCoveredDto],
    description: 'The asset pairs (at their versions) the run exercised: pilot evidence for pairs no rule covers',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PairCoveredDto)
  pairsCovered?: PairCoveredDto[];
}

export class StepDto {
  @ApiPropertyOptional({ example: 'final-backup' }) @IsOptional() @Matches(ID, idMessage) stepId?: string;
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

export class MonitoringPeriodDto {
  @ApiProperty({ example: 1440 }) @IsSafeInt() @Min(1) @Max(MAX_MINUTES) minutes!: number;
  @ApiProperty({ example: 'one full business day covers the nightly batch and the morning peak' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason!: string;
}
