import type { EachBatchPayload } from 'kafkajs';

/** How long an applied record's offset may wait to be committed, unless the subscriber says otherwise. */
export const DEFAULT_COMMIT_INTERVAL_MS = 1000;

type Commit = Pick<EachBatchPayload, 'commitOffsetsIfNecessary' | 'uncommittedOffsets'>;

/**
 * A consumer's offset commits, off the path of its batches (ADR 40).
 *
 * kafkajs's autoCommit commits after every batch and fetches the next only once the broker
 * answered: at 500 events/s that round trip was most of the time from the broker to a handler.
 * Here offsets are still resolved only after their records took effect, but committed at most
 * every `intervalMs` (kafkajs's autoCommitInterval, which the consumer must be run with), by a
 * batch or, when none comes, by a timer; and all of them when the consumer stops or its group
 * rebalances, before the partitions move. A crash redelivers at most an interval of applied
 * records, which the inbox makes no-ops, as it does for any redelivery.
 */
export class OffsetCommits {
  private commit: ((all: boolean) => Promise<void>) | null = null;
  /** Set by close(): a batch that ends now commits everything it applied before the group is left. */
  closing = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    // One timer commit at a time: while the broker is away one waits out its retries, not dozens.
    let ticking = false;
    this.timer = setInterval(() => {
      if (ticking) return;
      ticking = true;
      void this.flush(false).finally(() => (ticking = false));
    }, intervalMs);
    this.timer.unref();
  }

  /**
   * kafkajs's commit functions, from the latest batch: they act on the group's current assignment
   * and generation, so a timer's commit never names a partition this member no longer holds.
   */
  adopt({ commitOffsetsIfNecessary, uncommittedOffsets }: Commit): void {
    this.commit = (all) => commitOffsetsIfNecessary(all ? uncommittedOffsets() : undefined);
  }

  /**
   * After a crash kafkajs runs the consumer again with a new group membership: the old one's
   * functions could only be refused (or retried while the broker is away) until a batch brings
   * the new ones. What the old membership applied and did not commit is redelivered (inbox no-ops).
   */
  forget(): void {
    this.commit = null;
  }

  /** Commits the applied offsets: all of them when `all`, otherwise only once the interval passed. */
  async flush(all: boolean): Promise<void> {
    try {
      await this.commit?.(all);
    } catch (error) {
      // Rebalancing or the broker away: the offsets stay resolved and go with the next commit.
      this.onError(error);
    }
  }

  /**
   * A heartbeat that, when it finds the group rebalancing, first commits what was applied (as
   * kafkajs's autoCommit does). Any other failure (the broker away) is left to kafkajs at once:
   * a commit would only wait out its retries.
   */
  heartbeat(beat: () => Promise<void>): () => Promise<void> {
    return async () => {
      try {
        await beat();
      } catch (error) {
        if (rebalancing(error)) await this.flush(true);
        throw error;
      }
    };
  }

  /** Before the consumer leaves its group: the timer stops, everything applied is committed. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    await this.flush(true);
  }
}

/** kafkajs's own test (errors.js isRebalancing), which it does not export. */
const rebalancing = (error: unknown): boolean =>
  ['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION'].includes(
    (error as { type?: string } | null)?.type ?? '',
  );
