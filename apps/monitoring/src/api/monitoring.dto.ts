import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

export class BaselineDto {
  @ApiProperty({ example: 'orders-db' }) @IsString() @Length(1, 200) assetId!: string;
  @ApiProperty({ example: '2027-01-09T00:00:00Z' }) @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ example: '2027-01-16T00:00:00Z' }) @IsISO8601({ strict: true }) to!: string;
}

export class IncidentDto {
  @ApiPropertyOptional({ example: 'inc-4711' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/)
  incidentId?: string;
  @ApiProperty({ example: 'month-end report times out' }) @IsString() @Length(1, 2000) summary!: string;
  @ApiProperty({ enum: ['minor', 'major', 'critical'] }) @IsIn(['minor', 'major', 'critical']) severity!:
    'minor' | 'major' | 'critical';
}

export class ResolutionDto {
  @ApiProperty({ example: 'index rebuilt' }) @IsString() @Length(1, 2000) resolution!: string;
}

export class FollowUpDto {
  @ApiPropertyOptional({ example: 'retrain-finance' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/)
  followUpId?: string;
  @ApiProperty({ example: 'finance users need the new report menu explained' })
  @IsString()
  @Length(1, 2000)
  description!: string;
  @ApiProperty({ example: 'bi-team' }) @IsString() @Length(1, 200) owner!: string;
  @ApiPropertyOptional({ example: '2027-02-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) dueOn?: string;
}
