/** A stream as this process last wrote it: enough to decide the next command without reading it. */
export interface DecidedStream<S> {
  version: number;
  hash: string | null;
  lastEventId: string | null;
  state: S;
}

/**
 * The states of the streams this process decided on most recently (least recently used first
 * out). An entry may be stale when another replica wrote since, which is safe: an append decided
 * on it is refused by the head guard, and a refusal decided on it is checked against a fresh read
 * (see handleCommand and ADR 7).
 */
export class DecidedStreams {
  private readonly entries = new Map<string, { decider: object; stream: DecidedStream<unknown> }>();

  constructor(private readonly capacity = 10_000) {}

  get<S>(decider: object, streamId: string): DecidedStream<S> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.decider !== decider) return undefined;
    // Map iteration order is insertion order: re-inserting keeps the eviction order by recency.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.stream as DecidedStream<S>;
  }

  remember<S>(decider: object, streamId: string, stream: DecidedStream<S>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, { decider, stream });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }
}
