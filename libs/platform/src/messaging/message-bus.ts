import type { KafkaRecord } from '@upgrade-control/contracts';

/**
 * The platform's only view of the broker. Everything kafkajs-specific lives in ./kafka, so the
 * client can be swapped (e.g. for a librdkafka binding) by replacing that folder.
 */
export interface MessageBus {
  producer(): Promise<BusProducer>;
  subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** Latest offsets per partition, for lag and for bounded reads of a topic. */
  topicEndOffsets(topic: string): Promise<Map<number, bigint>>;
  ping(): Promise<void>;
  /** Reads topics from offset 0 up to their ends as of the call, then resolves (auditor replay). */
  readFromStart(topics: string[], onRecord: (record: IncomingRecord) => void): Promise<number>;
}

export interface BusProducer {
  send(topic: string, records: KafkaRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** Messages behind this one in its partition when it was fetched. */
  lag: number;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  /** Resolves when the record has taken effect; its offset is committed after that. */
  onRecord(record: IncomingRecord): Promise<void>;
}

export interface BusSubscription {
  close(): Promise<void>;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
}
