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

/** Port: the reviews emergencies owe and their follow-ups (reviews.projection.ts), by due date. */
export abstract class ReviewReadModel {
  /** Reviews not closed (at most 500 each), and follow-ups not done; `overdue` keeps those due before `now`. */
  abstract list(status: ReviewListStatus, now: Date): Promise<{ reviews: ReviewLine[]; followUps: FollowUpLine[] }>;
}
