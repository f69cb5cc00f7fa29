import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsIsoDateTime, IsNotBlank, PageQuery } from '@upgrade-control/platform';

// The post-implementation review an emergency change owes, and the list of what is open or overdue.

export class ReviewFollowUpDto {
  @ApiProperty({ example: 'rehearse the rollback on staging' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  action!: string;

  /** Required: the decider refuses a follow-up without it, naming the follow-up and the rule. */
  @ApiPropertyOptional({ example: 'oscar', description: 'the principal id who does it (required)' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  owner?: string;

  /** Required: refused by the decider when missing or already past. */
  @ApiPropertyOptional({ example: '2027-01-30T12:00:00Z', description: 'when it is due (required, in the future)' })
  @IsOptional()
  @IsIsoDateTime()
  dueAt?: string;
}

export class ClosePostImplementationReviewDto {
  @ApiProperty({ example: 'the hotfix went in without a tested rollback' })
  @IsString()
  @Length(1, 4000)
  @IsNotBlank()
  findings!: string;

  @ApiProperty({ example: 'an exploited CVE left no time for the standard path' })
  @IsString()
  @Length(1, 4000)
  @IsNotBlank()
  rootCause!: string;

  @ApiProperty({ example: 'keep a rehearsed rollback at hand' })
  @IsString()
  @Length(1, 4000)
  @IsNotBlank()
  lessons!: string;

  @ApiProperty({ type: [ReviewFollowUpDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReviewFollowUpDto)
  followUps!: ReviewFollowUpDto[];
}

export const REVIEW_LIST_STATUSES = ['open', 'overdue'] as const;

export class ReviewListQueryDto extends PageQuery {
  @ApiPropertyOptional({
    enum: REVIEW_LIST_STATUSES,
    description: 'open (default): reviews not closed and follow-ups not done; overdue: those past their due date',
  })
  @IsOptional()
  @IsIn(REVIEW_LIST_STATUSES)
  status?: (typeof REVIEW_LIST_STATUSES)[number];
}
