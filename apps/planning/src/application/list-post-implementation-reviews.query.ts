import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type Page, type PageRequest } from '@upgrade-control/platform';
import { ReviewReadModel, type FollowUpLine, type ReviewLine, type ReviewListStatus } from './review-read-model.js';

/** A page of the review list: which lines were asked for and the server time overdue was judged at. */
export interface ReviewListPage<T> extends Page<T> {
  status: ReviewListStatus;
  asOf: Date;
}

/** A page of open or overdue post-implementation reviews, judged at the server time given. */
export class ListPostImplementationReviews extends Query<ReviewListPage<ReviewLine>> {
  constructor(
    readonly status: ReviewListStatus,
    readonly now: Date,
    readonly page: PageRequest,
  ) {
    super();
  }
}

/** A page of the follow-ups of closed reviews not yet done (or only overdue), judged at the server time given. */
export class ListReviewFollowUps extends Query<ReviewListPage<FollowUpLine>> {
  constructor(
    readonly status: ReviewListStatus,
    readonly now: Date,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const ListPostImplementationReviewsHandler = queryHandlerFor(
  ListPostImplementationReviews,
  ReviewReadModel,
  async (reviews, { status, now, page }) => ({ status, asOf: now, ...(await reviews.reviews(status, now, page)) }),
);

export const ListReviewFollowUpsHandler = queryHandlerFor(
  ListReviewFollowUps,
  ReviewReadModel,
  async (reviews, { status, now, page }) => ({ status, asOf: now, ...(await reviews.followUps(status, now, page)) }),
);
