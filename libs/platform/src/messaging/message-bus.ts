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
  /** A group's committed offsets per partition of a topic (partitions it never committed are absent). */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>>;
  /** Commits a group's offsets without consuming (the DLQ tool marks what it re-drove). */
  commitOffsets(groupId: string, topic: string, offsets: Map<number, bigint>): Promise<void>;
  ping(): Promise<void>;
  /**
   * Reads topics from offset 0 up to their ends as of the call, then resolves (auditor replay).
   * A promise from onRecord is awaited before the next record, so a slow reader holds the fetch back.
   * onTotal, before the first record: how many records the read will take (for a progress bar).
   */
  readFromStart(
    topics: string[],
    onRecord: (record: IncomingRecord) => unknown,
    onTotal?: (records: number) => void,
  ): Promise<number>;
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
  /**
   * Resolves when the record has taken effect; its offset is committed after that (see
   * commitIntervalMs). A rejection means "not yet": the same record is offered again (attempt + 1)
   * after `retryDelay`, and nothing behind it in its partition is processed meanwhile. Other
   * partitions go on.
   */
  onRecord(record: IncomingRecord, attempt: number): Promise<void>;
  /**
   * Optional: applies a run of consecutive records of one partition together (one transaction)
   * and resolves how many of the first ones took effect; their offsets are committed after that.
   * The record it stopped at then goes alone to onRecord, with its retries, from attempt
   * `nextAttempt` (2 when it already failed once in the run, after retryDelay(1)); a rejection
   * counts as { taken: 0, nextAttempt: 1 }. The records after it form the next run.
   */
  onBatch?(records: IncomingRecord[]): Promise<BatchResult>;
  /** The longest run offered to onBatch (default 500). */
  maxBatch?: number;
  /**
   * How long the offset of a record that took effect may wait to be committed (default 1000 ms,
   * ADR 40): batches do not wait for commits; stopping or a rebalance commits at once, and a crash
   * redelivers at most this span of applied records, which the inbox makes no-ops.
   */
  commitIntervalMs?: number;
  retryDelay(attempt: number): number;
}

export interface BatchResult {
  taken: number;
  nextAttempt: number;
}

export interface BusSubscription {
  close(): Promise<void>;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
}
