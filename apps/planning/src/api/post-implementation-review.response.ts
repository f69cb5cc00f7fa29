import { ApiProperty } from '@nestjs/swagger';
import { NextCursor } from '@upgrade-control/platform';

const dateTime = (example: string | null, description?: string) =>
  ({ type: String, format: 'date-time', nullable: example === null, example, description }) as const;

/** An emergency’s post-implementation review not yet closed. */
export class PostImplementationReviewLine {
  @ApiProperty({ example: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' }) upgradeId!: string;
  @ApiProperty({ example: 'Emergency patch for CVE-2027-1234' }) title!: string;
  @ApiProperty(dateTime('2027-01-24T20:00:00.000Z')) dueAt!: string;
  @ApiProperty({ example: false, description: 'past its due date at asOf' }) overdue!: boolean;
  @ApiProperty(dateTime(null, 'always null in this list: it holds reviews not yet closed')) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) closedBy!: string | null;
}

/** A follow-up of a closed review, not yet done: who does what by when. */
export class ReviewFollowUpLine {
  @ApiProperty({ example: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' }) upgradeId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'its number in the review' }) followUp!: number;
  @ApiProperty({ example: 'add the patch to the regular patch cycle' }) action!: string;
  @ApiProperty({ example: 'carol' }) owner!: string;
  @ApiProperty(dateTime('2027-02-15T00:00:00.000Z')) dueAt!: string;
  @ApiProperty({ example: false, description: 'past its due date at asOf' }) overdue!: boolean;
  @ApiProperty(dateTime(null, 'always null in this list: it holds follow-ups not yet done')) doneAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) doneBy!: string | null;
}

const listStatus = { enum: ['open', 'overdue'], example: 'open', description: 'which lines, as asked' } as const;
const asOf = dateTime('2027-01-20T09:00:00.000Z', 'the server time overdue was judged at');

/** A page of open (or only overdue) reviews, by due date. */
export class PostImplementationReviewPage {
  @ApiProperty(listStatus) status!: 'open' | 'overdue';
  @ApiProperty(asOf) asOf!: string;
  @ApiProperty({ type: () => [PostImplementationReviewLine] }) items!: PostImplementationReviewLine[];
  @NextCursor() next!: string | null;
}

/** A page of open (or only overdue) follow-ups of closed reviews, by due date. */
export class ReviewFollowUpPage {
  @ApiProperty(listStatus) status!: 'open' | 'overdue';
  @ApiProperty(asOf) asOf!: string;
  @ApiProperty({ type: () => [ReviewFollowUpLine] }) items!: ReviewFollowUpLine[];
  @NextCursor() next!: string | null;
}
