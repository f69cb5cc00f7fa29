import type { Page, PageRequest } from '@upgrade-control/platform';

/** An emergency's post-implementation review as the list shows it; overdue is as of the query. */
export interface ReviewLine {
  upgradeId: string;
  title: string;
  dueAt: Date;
  overdue: boolean;
  closedAt: Date | null;
  closedBy: string | null;
}

/** A follow-up of a closed review: who does what by when. */
export interface FollowUpLine {
  upgradeId: string;
  followUp: number;
  action: string;
  owner: string;
  dueAt: Date;
  overdue: boolean;
  doneAt: Date | null;
  doneBy: string | null;
}

/** Which lines: everything not yet done, or only what is past its due date at `now`. */
export type ReviewListStatus = 'open' | 'overdue';

/**
 * Port: the reviews emergencies owe and their follow-ups (reviews.projection.ts), each a page in
 * due-date order; `overdue` keeps those due before `now`.
 */
export abstract class ReviewReadModel {
  /** Reviews not closed, by (dueAt, upgradeId). */
  abstract reviews(status: ReviewListStatus, now: Date, page: PageRequest): Promise<Page<ReviewLine>>;

  /** Follow-ups not done, by (dueAt, upgradeId, followUp). */
  abstract followUps(status: ReviewListStatus, now: Date, page: PageRequest): Promise<Page<FollowUpLine>>;
}
