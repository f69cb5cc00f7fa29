import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type Page, type PageRequest } from '@upgrade-control/platform';
import type { NoticeSubscriber } from '../domain/notices.js';
import { NoticeSubscriptions, type NoticeSubscription } from './notice-subscriptions.js';

/** The active subscribers of these user groups: what a notice request is delivered to. */
export class GetNoticeSubscribers extends Query<NoticeSubscriber[]> {
  constructor(readonly groups: string[]) {
    super();
  }
}

export const GetNoticeSubscribersHandler = queryHandlerFor(GetNoticeSubscribers, NoticeSubscriptions, (s, { groups }) =>
  s.subscribersOf(groups),
);

/** The active subscriptions, of one audience when given, without their secrets. */
export class ListNoticeSubscriptions extends Query<Page<NoticeSubscription>> {
  constructor(
    readonly audience: string | null,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const ListNoticeSubscriptionsHandler = queryHandlerFor(ListNoticeSubscriptions, NoticeSubscriptions, (s, q) =>
  s.list(q.audience, q.page),
);
