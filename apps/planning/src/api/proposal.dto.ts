import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { PURPOSE_CATEGORIES, URGENCIES } from '@upgrade-control/contracts';
import { IsNotBlank } from '@upgrade-control/platform';
import { ID, idMessage } from './ids.js';

// Proposing an upgrade and the content that decides its impact and compatibility.

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
  @ApiPropertyOptional({
    example: 'pg16-needs-jdbc-42.7',
    description: 'The rule of an incompatible finding; leave out to waive an unknown pair',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  ruleId?: string;
  @ApiProperty({ example: 'orders-db' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: 'orders-api' }) @IsString() @Length(1, 200) otherAssetId!: string;
  @ApiProperty({ example: 'vendor hotfix 4.2.7 installed and tested' })
  @IsString()
  @Length(10, 2000)
  @IsNotBlank()
  reason!: string;
}
