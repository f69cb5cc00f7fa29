import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiQuery, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  Creates,
  Caller,
  CLOCK,
  notFoundException,
  Operation,
  Paged,
  pageRequest,
  uuidv7,
} from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { ListNoticeSubscriptions } from '../application/get-notice-subscribers.query.js';
import { NoticeSubscriptions } from '../application/notice-subscriptions.js';
import { newSecret, secretFingerprint } from '../application/webhook-signing.js';
import { ListNoticeSubscriptionsQueryDto, NoticeSubscriptionDto } from './notice-subscription.dto.js';
import { NoticeSubscriptionPage, RegisteredNoticeSubscription } from './notice-subscription.response.js';

/**
 * Subscriber endpoints per audience (user group): where notices go as signed CloudEvents (ADR 13).
 * The secret is shown once, when planning generated it; afterwards only its fingerprint.
 */
@ApiTags('notices')
@Controller('notice-subscriptions')
export class NoticeSubscriptionsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly subscriptions: NoticeSubscriptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Creates((r: { subscriptionId: string }) => `/notice-subscriptions/${r.subscriptionId}`)
  @ApiCreatedResponse({ type: RegisteredNoticeSubscription })
  @Operation('subscribeToNotices', {
    summary: 'Register an endpoint for a user group; a generated signing secret is returned once, never again',
  })
  async register(@Body() dto: NoticeSubscriptionDto, @Caller() caller: Caller) {
    const secret = dto.secret ?? newSecret();
    const subscription = {
      subscriptionId: uuidv7(),
      audience: dto.audience,
      url: dto.url,
      secretFingerprint: secretFingerprint(secret),
      createdBy: caller.actor.id,
      createdAt: this.clock().toISOString(),
    };
    await this.subscriptions.register({ ...subscription, secret });
    return dto.secret ? subscription : { ...subscription, secret };
  }

  @Get()
  @ApiOkResponse({ type: NoticeSubscriptionPage })
  @ApiQuery({ name: 'audience', required: false, description: 'only the subscriptions of this user group' })
  @Operation('listNoticeSubscriptions', {
    summary: 'The active subscriptions, of one audience when given (never their secrets)',
  })
  @Paged()
  list(@Query() query: ListNoticeSubscriptionsQueryDto) {
    const page = pageRequest(query, ['timestamp', 'string']);
    return this.queries.execute(new ListNoticeSubscriptions(query.audience ?? null, page));
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'removed' })
  @Operation('removeNoticeSubscription', {
    summary: 'Remove a subscription: its pending deliveries fail, later notices skip it',
  })
  async remove(@Param('subscriptionId') subscriptionId: string): Promise<void> {
    if (!(await this.subscriptions.remove(subscriptionId, this.clock())))
      throw notFoundException(`notice subscription ${subscriptionId} not found`);
  }
}
