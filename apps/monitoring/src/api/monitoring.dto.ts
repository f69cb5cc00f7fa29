import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsIsoDate, IsIsoDateTime, IsNotBlank } from '@upgrade-control/platform';

export class BaselineDto {
  @ApiProperty({ example: 'orders-db' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: '2027-01-09T00:00:00Z' }) @IsIsoDateTime() from!: string;
  @ApiProperty({ example: '2027-01-16T00:00:00Z' }) @IsIsoDateTime() to!: string;
}

export class IncidentDto {
  @ApiPropertyOptional({ example: 'inc-4711' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/)
  incidentId?: string;
  @ApiProperty({ example: 'month-end report times out' }) @IsString() @Length(1, 2000) @IsNotBlank() summary!: string;
  @ApiProperty({ example: 'major', enum: ['minor', 'major', 'critical'] })
  @IsIn(['minor', 'major', 'critical'])
  severity!: 'minor' | 'major' | 'critical';
}

export class ResolutionDto {
  @ApiProperty({ example: 'index rebuilt' }) @IsString() @Length(1, 2000) @IsNotBlank() resolution!: string;
}

export class FollowUpDto {
  @ApiPropertyOptional({ example: 'retrain-finance' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/)
  followUpId?: string;
  @ApiProperty({ example: 'finance users need the new report menu explained' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  description!: string;
  @ApiProperty({ example: 'bi-team' }) @IsString() @Length(1, 200) owner!: string;
  @ApiPropertyOptional({ example: '2027-02-01' }) @IsOptional() @IsIsoDate() dueOn?: string;
}
