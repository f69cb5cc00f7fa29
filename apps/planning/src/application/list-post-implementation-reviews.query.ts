import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { ReviewReadModel, type FollowUpLine, type ReviewLine, type ReviewListStatus } from './review-read-model.js';

export interface ReviewList {
  status: ReviewListStatus;
  /** The server time overdue was judged at. */
  asOf: Date;
  reviews: ReviewLine[];
  followUps: FollowUpLine[];
}

/** Open or overdue post-implementation reviews and follow-ups, judged at the server time given. */
export class ListPostImplementationReviews extends Query<ReviewList> {
  constructor(
    readonly status: ReviewListStatus,
    readonly now: Date,
  ) {
    super();
  }
}

export const ListPostImplementationReviewsHandler = queryHandlerFor(
  ListPostImplementationReviews,
  ReviewReadModel,
  async (reviews, { status, now }) => ({ status, asOf: now, ...(await reviews.list(status, now)) }),
);
