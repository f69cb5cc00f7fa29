import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ASSET_KINDS, CRITICALITIES, DEPENDENCY_RELATIONS, WEEKDAYS } from '@upgrade-control/contracts';
import { IsIsoDate, IsNotBlank, IsStringRecord, PageQuery } from '@upgrade-control/platform';

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export class PeakPeriodDto {
  @ApiProperty({ example: 'business hours' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['mon', 'tue', 'wed', 'thu', 'fri'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(WEEKDAYS, { each: true })
  days!: (typeof WEEKDAYS)[number][];
  @ApiProperty({ example: '08:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'from must be HH:MM' })
  from!: string;
  @ApiProperty({ example: '18:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'to must be HH:MM' }) to!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) @IsString() @Length(1, 64) @IsTimeZone() timeZone!: string;
}

export class RegisterAssetDto {
  @ApiPropertyOptional({
    example: 'orders-db-berlin',
    description: 'Chosen by the caller for idempotent imports; generated when absent.',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'assetId must be lowercase letters, digits, ".", "_" or "-"' })
  assetId?: string;
  @ApiProperty({ example: 'Orders database (Berlin)' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ enum: ASSET_KINDS, example: 'database' }) @IsIn(ASSET_KINDS) kind!: (typeof ASSET_KINDS)[number];
  @ApiProperty({ example: 'postgresql' }) @IsString() @Length(1, 200) product!: string;
  @ApiProperty({ example: '15.6' }) @IsString() @Length(1, 100) version!: string;
  @ApiProperty({ example: 'berlin' }) @IsString() @Length(1, 200) site!: string;
  @ApiProperty({ example: 'db-1' }) @IsString() @Length(1, 200) node!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { vendor: 'PGDG', patchLevel: '15.6-1' },
    description: 'vendor, model, firmware, patch level…',
  })
  @IsOptional()
  @IsStringRecord()
  attributes?: Record<string, string>;
  @ApiProperty({ enum: CRITICALITIES, example: 'high' })
  @IsIn(CRITICALITIES)
  criticality!: (typeof CRITICALITIES)[number];
  @ApiProperty({ example: 'dba-team' }) @IsString() @Length(1, 200) owner!: string;
  @ApiPropertyOptional({ example: ['order-to-cash'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  businessProcesses?: string[];
  @ApiPropertyOptional({ example: ['sales'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  userGroups?: string[];
  @ApiPropertyOptional({ type: [PeakPeriodDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PeakPeriodDto)
  peakPeriods?: PeakPeriodDto[];
  @ApiPropertyOptional({ example: '2027-03-31', description: 'required for certificates and licenses' })
  @IsOptional()
  @IsIsoDate()
  expiresOn?: string;
}

export class UpdateAssetDto extends PartialType(OmitType(RegisterAssetDto, ['assetId', 'kind', 'version'] as const)) {}

export class RetireAssetDto {
  @ApiProperty({ example: 'replaced by the new cluster' }) @IsString() @Length(1, 2000) @IsNotBlank() reason!: string;
}

export class DeclareDependencyDto {
  @ApiProperty({ example: 'san-berlin' }) @IsString() @Length(1, 200) dependsOnAssetId!: string;
  @ApiProperty({ enum: DEPENDENCY_RELATIONS, example: 'stores-data-in' })
  @IsIn(DEPENDENCY_RELATIONS)
  relation!: (typeof DEPENDENCY_RELATIONS)[number];
}

/** The path of one declared dependency: a class, so the pipe validates it and the document declares it. */
export class DependencyPathDto extends DeclareDependencyDto {
  @ApiProperty({ example: 'erp-db-1' }) @IsString() @Length(1, 200) assetId!: string;
}

export class ListAssetsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ASSET_KINDS, example: 'database' }) @IsOptional() @IsIn(ASSET_KINDS) kind?: string;
  @ApiPropertyOptional({ example: 'berlin' }) @IsOptional() @IsString() site?: string;
  @ApiPropertyOptional({ example: 'postgresql' }) @IsOptional() @IsString() product?: string;
  @ApiPropertyOptional({ enum: CRITICALITIES, example: 'high' })
  @IsOptional()
  @IsIn(CRITICALITIES)
  criticality?: string;
  @ApiPropertyOptional({ enum: ['active', 'retired'], example: 'active' })
  @IsOptional()
  @IsIn(['active', 'retired'])
  status?: string;
}

export class ExpiringQueryDto extends PageQuery {
  @ApiProperty({ example: '2027-01-01' }) @IsIsoDate() before!: string;
}
