import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CLOCK, invalidInput, Operation, Paged, pageRequest } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import {
  ListPostImplementationReviews,
  ListReviewFollowUps,
} from '../application/list-post-implementation-reviews.query.js';
import { decidePlan } from './decide-plan.js';
import { ClosePostImplementationReviewDto, ReviewListQueryDto } from './post-implementation-review.dto.js';
import { UpgradePlanReply } from './plan-replies.response.js';
import { PostImplementationReviewPage, ReviewFollowUpPage } from './post-implementation-review.response.js';

/** Where a page of reviews ends: (dueAt, upgradeId). */
const REVIEW_CURSOR = ['timestamp', 'string'] as const;
/** Where a page of follow-ups ends: (dueAt, upgradeId, followUp). */
const FOLLOW_UP_CURSOR = ['timestamp', 'string', 'number'] as const;

/** The review an emergency change owes after its execution, its follow-ups, and what is open or overdue. */
@ApiTags('post-implementation reviews')
@Controller()
export class PostImplementationReviewController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('upgrades/:upgradeId/post-implementation-review')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('closePostImplementationReview', {
    summary:
      'Close the review an emergency owes once its execution finished: findings, root cause, lessons, follow-ups (owner, due date); an approver other than the requester',
  })
  close(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: ClosePostImplementationReviewDto,
    @Caller() caller: Caller,
  ) {
    const now = this.clock();
    const command = {
      type: 'ClosePostImplementationReview' as const,
      reviewer: caller.actor,
      findings: dto.findings,
      rootCause: dto.rootCause,
      lessons: dto.lessons,
      followUps: dto.followUps.map((f) => ({ action: f.action, owner: f.owner ?? null, dueAt: f.dueAt ?? null })),
      now,
    };
    return decidePlan(this.commands, caller, upgradeId, command, { at: now });
  }

  @Post('upgrades/:upgradeId/post-implementation-review/follow-ups/:followUp/done')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('markReviewFollowUpDone', { summary: 'Mark a follow-up of the review done; only its owner may' })
  done(@Param('upgradeId') upgradeId: string, @Param('followUp') followUp: string, @Caller() caller: Caller) {
    if (!/^[1-9]\d{0,3}$/.test(followUp))
      throw invalidInput([
        { field: 'followUp', rule: 'number', message: 'followUp must be the follow-up’s number (1, 2, …)' },
      ]);
    const command = { type: 'CompleteReviewFollowUp' as const, followUp: Number(followUp), by: caller.actor.id };
    return decidePlan(this.commands, caller, upgradeId, command);
  }

  @Get('post-implementation-reviews')
  @Paged()
  @ApiOkResponse({ type: PostImplementationReviewPage })
  @Operation('listPostImplementationReviews', {
    summary:
      'Reviews emergencies owe, not yet closed (status=open, the default) or only past their due date now (status=overdue), by due date, in pages',
  })
  list(@Query() query: ReviewListQueryDto) {
    const page = pageRequest(query, REVIEW_CURSOR);
    return this.queries.execute(new ListPostImplementationReviews(query.status ?? 'open', this.clock(), page));
  }

  @Get('post-implementation-reviews/follow-ups')
  @Paged()
  @ApiOkResponse({ type: ReviewFollowUpPage })
  @Operation('listReviewFollowUps', {
    summary:
      'Follow-ups of closed reviews not yet done (status=open, the default) or only past their due date now (status=overdue), by due date, in pages',
  })
  followUps(@Query() query: ReviewListQueryDto) {
    const page = pageRequest(query, FOLLOW_UP_CURSOR);
    return this.queries.execute(new ListReviewFollowUps(query.status ?? 'open', this.clock(), page));
  }
}
