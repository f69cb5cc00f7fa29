import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@upgrade-control/platform';

export class ListUpgradesQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'Submitted', description: 'Only plans in this status' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  status?: string;
}
