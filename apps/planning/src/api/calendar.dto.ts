import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsIsoDateTime, PageQuery } from '@upgrade-control/platform';
import { ID, idMessage } from './ids.js';

// The change calendar: freezes, blackouts and the period asked for.

export class FreezeScopeDto {
  @ApiProperty({ example: false }) @IsBoolean() all!: boolean;
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
  @ApiProperty({ example: 'freeze', enum: ['freeze', 'blackout'] }) @IsIn(['freeze', 'blackout']) kind!:
    'freeze' | 'blackout';
  @ApiProperty({ example: 'year-end closing' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '2026-12-20T00:00:00Z' }) @IsIsoDateTime() startsAt!: string;
  @ApiProperty({ example: '2027-01-04T00:00:00Z' }) @IsIsoDateTime() endsAt!: string;
  @ApiProperty({ type: FreezeScopeDto }) @ValidateNested() @Type(() => FreezeScopeDto) scope!: FreezeScopeDto;
  @ApiProperty({ example: 'financial closing' }) @IsString() @Length(1, 2000) reason!: string;
}

/** Where a page of a period ends: (start, id) of its last entry, a freeze, window or shift. */
export const PERIOD_CURSOR = ['timestamp', 'string'] as const;

/** A period [from, to) of the calendar or the roster, in pages. */
export class CalendarQueryDto extends PageQuery {
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsIsoDateTime() from!: string;
  @ApiProperty({ example: '2027-01-31T00:00:00Z' }) @IsIsoDateTime() to!: string;
}
