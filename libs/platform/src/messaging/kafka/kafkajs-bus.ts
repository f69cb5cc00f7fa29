import { Kafka, Partitioners, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaRecord } from '@upgrade-control/contracts';
import { randomUUID } from 'node:crypto';
import type {
  BusProducer,
  BusSubscription,
  IncomingRecord,
  MessageBus,
  SubscribeOptions,
  TopicSpec,
} from '../message-bus.js';
import { sleep } from '../backoff.js';
import { kafkaJsSecurity } from './kafkajs-security.js';
import { workPartition } from '../partition-work.js';
import { DEFAULT_COMMIT_INTERVAL_MS, OffsetCommits } from './offset-commits.js';
import { incoming } from './incoming-record.js';
import type { KafkaSecurity } from '../../config/kafka-security.js';

export interface KafkaJsBusOptions {
  clientId: string;
  brokers: string[];
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>) => void;
  /** How long the group waits for a silent member (e.g. a killed process) before reassigning its partitions. */
  sessionTimeoutMs?: number;
  /** TLS and SASL (ADR 0018); without it the client speaks plaintext. */
  security?: KafkaSecurity;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export class KafkaJsBus implements MessageBus {
  private readonly kafka: Kafka;

  constructor(private readonly options: KafkaJsBusOptions) {
    const log = options.log;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...kafkaJsSecurity(options.security),
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 100, retries: 8 },
      logCreator: () => (entry: LogEntry) => {
        const { message, timestamp: _, ...extra } = entry.log;
        // Retries are bounded on purpose: at-least-once comes from the relay checkpoint, not the producer.
        const level = message.startsWith('Limiting retries') ? 'debug' : (LEVELS[entry.level] ?? 'info');
        log?.(level, `kafka ${entry.namespace}: ${message}`, extra);
      },
    });
  }

  async producer(): Promise<BusProducer> {
    // Idempotent with one request in flight: retries can neither duplicate nor reorder a key's events.
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    return {
      send: async (topic: string, records: KafkaRecord[]) => {
        if (records.length === 0) return;
        await producer.send({
          topic,
          acks: -1,
          messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
        });
      },
      close: () => producer.disconnect(),
    };
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
      sessionTimeout,
      heartbeatInterval: Math.max(100, Math.floor(sessionTimeout / 10)),
    });
    await consumer.connect();
    // Topics another service created a moment ago may not be in this broker's metadata yet
    // (UNKNOWN_TOPIC_OR_PARTITION, retriable): wait for them instead of failing the start.
    for (let attempt = 1; ; attempt++) {
      try {
        await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning });
        break;
      } catch (error) {
        if (attempt >= 20 || (error as { retriable?: boolean }).retriable !== true) throw error;
        await sleep(250 * Math.min(attempt, 8));
      }
    }
    const commitEvery = options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
    const commits = new OffsetCommits(commitEvery, (err) =>
      this.options.log?.('debug', 'kafka consumer: offset commit deferred', { groupId: options.groupId, err }),
    );
    // A rebalance noticed between batches: what was applied is committed before the partitions move.
    consumer.on(consumer.events.REBALANCING, () => void commits.flush(true));
    consumer.on(consumer.events.CRASH, () => commits.forget());
    await consumer.run({
      // Committed by `commits`, off the batches' path (ADR 40); the interval is kafkajs's own check.
      autoCommit: false,
      autoCommitInterval: commitEvery,
      // Partitions are independent (order is per key, keys are per partition): work them in
      // parallel, enough at once that one partition waiting out a transient failure holds no other.
      partitionsConsumedConcurrently: 16,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
        commits.adopt(payload);
        const high = BigInt(batch.highWatermark);
        const records = batch.messages.map((message) =>
          incoming(batch, message, Number(high - BigInt(message.offset) - 1n)),
        );
        await workPartition(records, {
          onBatch: options.onBatch?.bind(options),
          onRecord: (record, attempt) => options.onRecord(record, attempt),
          retryDelay: (attempt) => options.retryDelay(attempt),
          maxBatch: options.maxBatch ?? 2000,
          gone: () => !isRunning() || isStale(),
          heartbeat: commits.heartbeat(heartbeat),
          resolve: resolveOffset,
          sleep,
        });
        // Stopped by close(): what this batch applied is committed before the group is left.
        await commits.flush(commits.closing);
      },
    });
    return {
      close: async () => {
        await commits.close();
        await consumer.disconnect();
      },
    };
  }

  /** Creates missing topics; several services may race to create the same ones at start. */
  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createMissingTopics(topics);
      } catch (error) {
        if (attempt >= 10) throw error;
        await sleep(300 * attempt);
      }
    }
  }

  private async createMissingTopics(topics: TopicSpec[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          // The log is the audit record: keep it forever.
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
          ],
        })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  async topicEndOffsets(topic: string): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    } finally {
      await admin.disconnect();
    }
  }

  async readFromStart(
    topics: string[],
    onRecord: (record: IncomingRecord) => unknown,
    onTotal?: (records: number) => void,
  ): Promise<number> {
    const remaining = new Map<string, bigint>();
    const admin = this.kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    await admin.disconnect();
    topics = topics.filter((t) => existing.has(t));
    for (const topic of topics) {
      for (const [partition, high] of await this.topicEndOffsets(topic))
        if (high > 0n) remaining.set(`${topic}:${partition}`, high);
    }
    onTotal?.(Number([...remaining.values()].reduce((sum, high) => sum + high, 0n)));
    if (remaining.size === 0 || topics.length === 0) return 0;
    // A throwaway group that commits nothing: a replay leaves no trace on the cluster's offsets.
    const consumer = this.kafka.consumer({
      groupId: `replay-${randomUUID()}`,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
      maxBytes: 64 * 1024 * 1024,
    });
    let count = 0;
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatchAutoResolve: true,
            eachBatch: async ({ batch }) => {
              const key = `${batch.topic}:${batch.partition}`;
              const end = remaining.get(key);
              if (end === undefined) return;
              for (const message of batch.messages) {
                const offset = BigInt(message.offset);
                if (offset >= end) break;
                count += 1;
                // Awaited only when the reader returns a promise: an await per record is a
                // microtask turn per record, which a replay of millions notices (issue 19).
                const held = onRecord(incoming(batch, message, 0));
                if (held instanceof Promise) await held;
                if (offset + 1n >= end) remaining.delete(key);
              }
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return count;
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = (entry?.partitions ?? []).filter((p) => Number(p.offset) >= 0);
      return new Map(committed.map((p) => [p.partition, BigInt(p.offset)]));
    } finally {
      await admin.disconnect();
    }
  }

  async commitOffsets(groupId: string, topic: string, offsets: Map<number, bigint>): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.setOffsets({
        groupId,
        topic,
        partitions: [...offsets].map(([partition, offset]) => ({ partition, offset: String(offset) })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  async ping(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }
}
