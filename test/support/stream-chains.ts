import { sealEnvelope, type EventEnvelope, type UnhashedEnvelope } from '@upgrade-control/contracts';

/**
 * Seals events onto per-stream hash chains, as a producer's store would: each event is the next
 * version of its stream and links to the one before. Consumers check that continuity (ADR 19),
 * so a fixture that publishes straight to Kafka must chain what it publishes, and send each
 * stream's events in the order they were sealed.
 */
export class StreamChains {
  private readonly heads = new Map<string, EventEnvelope>();

  seal(fields: Omit<UnhashedEnvelope, 'streamVersion' | 'prevHash'>): EventEnvelope {
    const key = `${fields.producer}/${fields.streamId}`;
    const head = this.heads.get(key);
    const sealed = sealEnvelope({
      ...fields,
      streamVersion: (head?.streamVersion ?? 0) + 1,
      prevHash: head?.hash ?? null,
    });
    this.heads.set(key, sealed);
    return sealed;
  }

  /** The last event sealed of a stream: its hash is what the stream's next event must name as prevHash. */
  head(producer: string, streamId: string): EventEnvelope | undefined {
    return this.heads.get(`${producer}/${streamId}`);
  }
}
