/** The channel a commit is announced on to other processes: their outbox relays LISTEN to it. */
export const EVENTS_NOTIFY_CHANNEL = 'upgrade_control_events';

/**
 * Tells the outbox relay that events were committed, without a NOTIFY in the write transaction:
 * PostgreSQL serialises the commits of notifying transactions (a cluster-wide lock held through
 * the commit's WAL flush), which cut append throughput to about 40% (ADR 7). A relay in this
 * process is woken directly; when none here is publishing, a NOTIFY sent after the commit, at
 * most one per `notifyEveryMs`, wakes the replica that is.
 */
export class CommitSignal {
  /** Each listener returns true when it publishes, i.e. no other process needs waking. */
  private readonly listeners = new Set<() => boolean>();
  private notifyPending = false;

  constructor(
    private readonly notifyOtherProcesses: () => Promise<unknown>,
    private readonly notifyEveryMs = 10,
  ) {}

  subscribe(listener: () => boolean): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  committed(): void {
    let publishedHere = false;
    for (const listener of this.listeners) publishedHere = listener() || publishedHere;
    if (publishedHere || this.notifyPending) return;
    this.notifyPending = true;
    setTimeout(() => {
      this.notifyPending = false;
      // Only a latency hint: the relay's fallback poll still finds the events.
      this.notifyOtherProcesses().catch(() => undefined);
    }, this.notifyEveryMs).unref();
  }
}
