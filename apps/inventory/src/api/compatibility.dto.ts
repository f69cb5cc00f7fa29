import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { MixedVersionStance } from '@upgrade-control/contracts';
import { ID_PATTERN } from './asset.dto.js';
import { SnapshotForUpgradeDto } from './snapshot-for-upgrade.dto.js';

export class RuleSourceDto {
  @ApiProperty({ enum: ['vendor-note', 'test', 'field-report'], example: 'vendor-note' })
  @IsIn(['vendor-note', 'test', 'field-report'])
  kind!: 'vendor-note' | 'test' | 'field-report';
  @ApiProperty({ example: 'Reportly 4 release notes, section 3' }) @IsString() @Length(1, 500) reference!: string;
}

const MIXED_VERSION_KINDS = ['supported', 'upgrade-together', 'unspecified'] as const;

/** Days belong to "supported" only: any other stance with days is a contradiction, refused. */
const IsDaysOnlyWhenSupported = () =>
  ValidateBy({
    name: 'daysOnlyWhenSupported',
    validator: {
      validate: (value, args) => value === undefined || (args?.object as MixedVersionsDto).kind === 'supported',
      defaultMessage: () => 'days belongs to kind "supported" only',
    },
  });

/** Whether the two products may run at mixed versions during a staged rollout (issue 18). */
export class MixedVersionsDto {
  @ApiProperty({
    enum: MIXED_VERSION_KINDS,
    example: 'supported',
    description:
      'supported: for at most `days` days; upgrade-together: every target of both products in one wave; unspecified: the source does not say',
  })
  @IsIn(MIXED_VERSION_KINDS)
  kind!: (typeof MIXED_VERSION_KINDS)[number];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 365, example: 14, description: 'kind supported only' })
  @ValidateIf((m: MixedVersionsDto) => m.kind === 'supported' || m.days !== undefined)
  @IsDaysOnlyWhenSupported()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

/** The contract's stance from the request; none given is "unspecified". */
export const mixedVersionsOf = (dto: MixedVersionsDto | undefined): MixedVersionStance =>
  dto?.kind === 'supported' ? { kind: 'supported', days: dto.days! } : { kind: dto?.kind ?? 'unspecified' };

export class DeclareCompatibilityRuleDto {
  @ApiPropertyOptional({ example: 'reportly-4-needs-pg-below-16' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'ruleId must be lowercase letters, digits, ".", "_" or "-"' })
  ruleId?: string;
  @ApiProperty({ example: 'reportly' }) @IsString() @Length(1, 200) product!: string;
  @ApiProperty({ example: '4.x', description: 'semver range, or natural-order comparators such as ">=R2024a"' })
  @IsString()
  @Length(1, 200)
  versionRange!: string;
  @ApiProperty({ example: 'postgresql' }) @IsString() @Length(1, 200) requiresProduct!: string;
  @ApiProperty({ example: '>=12 <16' }) @IsString() @Length(1, 200) requiresRange!: string;
  @ApiProperty({ type: RuleSourceDto }) @ValidateNested() @Type(() => RuleSourceDto) source!: RuleSourceDto;
  @ApiPropertyOptional({ example: 'its JDBC driver cannot authenticate against PostgreSQL 16' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
  @ApiPropertyOptional({ type: MixedVersionsDto, description: 'absent: unspecified' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MixedVersionsDto)
  mixedVersions?: MixedVersionsDto;
}

export class ProposedTargetDto {
  @ApiProperty({ example: 'orders-db-berlin' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: '16.2' }) @IsString() @Length(1, 100) toVersion!: string;
}

export class CompatibilityCheckDto {
  @ApiProperty({ type: [ProposedTargetDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProposedTargetDto)
  targets!: ProposedTargetDto[];
}

export class CaptureSnapshotDto {
  @ApiPropertyOptional({ example: 'before upgrade to 16' }) @IsOptional() @IsString() @Length(1, 200) label?: string;
  @ApiProperty({
    // A configuration document is a map of any JSON: the opt-out from closed schemas (ADR 28).
    type: 'object',
    additionalProperties: true,
    example: {
      parameters: { max_connections: 200 },
      serviceAccounts: ['app'],
      credentials: { password: 'vault:kv/orders-db#password' },
    },
    description:
      'Structured configuration. Secrets only as references (vault:…, secretref:…, env:…, or { "secretRef": "…" }).',
  })
  @IsObject()
  configuration!: Record<string, unknown>;
  @ApiPropertyOptional({
    type: SnapshotForUpgradeDto,
    description:
      'The upgrade this snapshot is taken for (operator or agent): before apply, after the execution started; ' +
      'or after apply. Execution counts it when the server times fit.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SnapshotForUpgradeDto)
  forUpgrade?: SnapshotForUpgradeDto;
}
