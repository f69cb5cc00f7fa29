import type { KafkaRecord } from '@upgrade-control/contracts';
import type * as Bus from '../messaging/message-bus.js';

interface Subscriber {
  options: Bus.SubscribeOptions;
  closed: boolean;
  /** The delivery under way, if any: settled() waits for it. */
  delivering: Promise<void> | null;
}

/**
 * The broker in memory, for tests without Kafka: every topic is one partition (0), a group's
 * committed offset is the next record it will be given, and a record its handler rejects is
 * offered again after `retryDelay`, holding back the records behind it, as with the real bus.
 * One subscriber per group: groups do not share partitions here.
 */
export class InMemoryMessageBus implements Bus.MessageBus {
  private readonly topics = new Map<string, Bus.IncomingRecord[]>();
  private readonly committed = new Map<string, Map<string, bigint>>();
  private readonly subscribers = new Set<Subscriber>();

  async producer(): Promise<Bus.BusProducer> {
    return { send: async (topic, records) => this.publish(topic, records), close: async () => undefined };
  }

  /** Appends records to a topic and wakes its subscribers. */
  publish(topic: string, records: KafkaRecord[]): void {
    const log = this.topic(topic);
    for (const { key, value, headers } of records)
      log.push({ topic, partition: 0, offset: String(log.length), key, value, headers: { ...headers }, lag: 0 });
    for (const subscriber of this.subscribers) this.deliver(subscriber);
  }

  /** What was published to a topic, in order. */
  records(topic: string): Bus.IncomingRecord[] {
    return [...this.topic(topic)];
  }

  async subscribe(options: Bus.SubscribeOptions): Promise<Bus.BusSubscription> {
    const subscriber: Subscriber = { options, closed: false, delivering: null };
    if (!options.fromBeginning)
      for (const topic of options.topics) this.offsets(options.groupId).set(topic, BigInt(this.topic(topic).length));
    this.subscribers.add(subscriber);
    this.deliver(subscriber);
    return {
      close: async () => {
        subscriber.closed = true;
        this.subscribers.delete(subscriber);
        await subscriber.delivering;
      },
    };
  }

  /** Resolves once every subscriber has taken everything published so far (or rejected it for good). */
  async settled(): Promise<void> {
    for (;;) {
      const busy = [...this.subscribers].map((s) => s.delivering).filter((d) => d !== null);
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  async ensureTopics(topics: Bus.TopicSpec[]): Promise<void> {
    for (const { name } of topics) this.topic(name);
  }

  async topicEndOffsets(topic: string): Promise<Map<number, bigint>> {
    return new Map([[0, BigInt(this.topic(topic).length)]]);
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
    const offset = this.committed.get(groupId)?.get(topic);
    return offset === undefined ? new Map() : new Map([[0, offset]]);
  }

  async commitOffsets(groupId: string, topic: string, offsets: Map<number, bigint>): Promise<void> {
    const offset = offsets.get(0);
    if (offset !== undefined) this.offsets(groupId).set(topic, offset);
  }

  async ping(): Promise<void> {}

  async readFromStart(topics: string[], onRecord: (record: Bus.IncomingRecord) => unknown): Promise<number> {
    const records = topics.flatMap((topic) => this.records(topic));
    for (const record of records) await onRecord(record);
    return records.length;
  }

  private topic(name: string): Bus.IncomingRecord[] {
    let log = this.topics.get(name);
    if (!log) this.topics.set(name, (log = []));
    return log;
  }

  private offsets(groupId: string): Map<string, bigint> {
    let offsets = this.committed.get(groupId);
    if (!offsets) this.committed.set(groupId, (offsets = new Map()));
    return offsets;
  }

  private deliver(subscriber: Subscriber): void {
    if (subscriber.delivering || subscriber.closed) return;
    subscriber.delivering = this.drain(subscriber).finally(() => {
      subscriber.delivering = null;
      // A record published between the last look and now would otherwise wait for the next one.
      if (this.pending(subscriber)) this.deliver(subscriber);
    });
  }

  private pending({ options }: Subscriber): boolean {
    const offsets = this.offsets(options.groupId);
    return options.topics.some((topic) => Number(offsets.get(topic) ?? 0n) < this.topic(topic).length);
  }

  /** Hands each subscribed topic's next records over in order until none is left. */
  private async drain(subscriber: Subscriber): Promise<void> {
    const { groupId, topics, onRecord, retryDelay } = subscriber.options;
    const offsets = this.offsets(groupId);
    for (let more = true; more && !subscriber.closed;) {
      more = false;
      for (const topic of topics) {
        const log = this.topic(topic);
        const next = Number(offsets.get(topic) ?? 0n);
        if (next >= log.length || subscriber.closed) continue;
        const record = { ...log[next]!, lag: log.length - next - 1 };
        for (let attempt = 1; ; attempt++) {
          try {
            await onRecord(record, attempt);
            break;
          } catch {
            if (subscriber.closed) return;
            await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
          }
        }
        offsets.set(topic, BigInt(next + 1));
        more = true;
      }
    }
  }
}
