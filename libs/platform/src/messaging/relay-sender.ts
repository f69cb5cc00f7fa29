import { toKafkaRecord, type KafkaRecord } from '@upgrade-control/contracts';
import type { DedicatedConnection } from '../database/dedicated-connection.js';
import { countParked, parkEvent } from '../database/parked-events.js';
import type { RelayRow } from '../database/relay-checkpoint.js';
import { rowToEnvelope } from '../event-store/event-row.js';
import { kafkaRecordBytes } from '../event-store/event-too-large.js';
import type { Logger } from '../observability/logger.js';
import type { BusProducer } from './message-bus.js';

/** What the broker says of a record it will never take, however often it is sent. */
const REFUSED_FOR_GOOD = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);

export function refusedForGood(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { type, message, cause, originalError } = e as Record<string, unknown>;
    if (typeof type === 'string' && REFUSED_FOR_GOOD.has(type)) return true;
    if (typeof message === 'string' && /message (size )?(is )?(too large|larger than)/i.test(message)) return true;
    e = cause ?? originalError;
  }
  return false;
}

interface Outgoing {
  row: RelayRow;
  record: KafkaRecord;
  bytes: number;
}

export interface RelaySenderOptions {
  relay: string;
  topic: string;
  /** Most bytes per send: the broker refuses a partition's batch above its message.max.bytes. */
  maxBatchBytes: number;
  logger: Logger;
  onParked(count: number): void;
}

/**
 * Sends one read batch in order, in sends small enough for the broker. A send refused for good
 * is retried one record at a time, and the record the broker will never take is parked (kept in
 * relay_parked_events, logged by stream and version) so that the events behind it go out. Any
 * other failure is thrown: the relay retries from its checkpoint.
 */
export class RelaySender {
  constructor(private readonly options: RelaySenderOptions) {}

  async send(client: DedicatedConnection, producer: BusProducer, rows: RelayRow[]): Promise<void> {
    const outgoing = rows.map((row) => {
      const record = toKafkaRecord(rowToEnvelope(row), row.traceparent);
      return { row, record, bytes: recordBytes(record) };
    });
    for (const chunk of this.chunks(outgoing)) {
      try {
        await producer.send(
          this.options.topic,
          chunk.map((o) => o.record),
        );
      } catch (error) {
        if (!refusedForGood(error)) throw error;
        for (const one of chunk) await this.sendOrPark(client, producer, one);
      }
    }
  }

  private async sendOrPark(client: DedicatedConnection, producer: BusProducer, one: Outgoing): Promise<void> {
    try {
      await producer.send(this.options.topic, [one.record]);
    } catch (error) {
      if (!refusedForGood(error)) throw error;
      await this.park(client, one, error instanceof Error ? error.message : String(error));
    }
  }

  private async park(client: DedicatedConnection, { row, bytes }: Outgoing, reason: string): Promise<void> {
    await parkEvent(client, this.options.relay, row, bytes, reason);
    this.options.logger.error(
      {
        relay: this.options.relay,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        eventId: row.event_id,
        bytes,
        reason,
      },
      `parked event ${row.stream_id} v${row.stream_version}: the broker refuses it for good`,
    );
    this.options.onParked(await countParked(client, this.options.relay));
  }

  private *chunks(outgoing: Outgoing[]): Generator<Outgoing[]> {
    let chunk: Outgoing[] = [];
    let bytes = 0;
    for (const o of outgoing) {
      if (chunk.length > 0 && bytes + o.bytes > this.options.maxBatchBytes) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
      chunk.push(o);
      bytes += o.bytes;
    }
    if (chunk.length > 0) yield chunk;
  }
}

/** The record, plus the framing Kafka adds per record and header (generously). */
const recordBytes = (record: KafkaRecord): number =>
  kafkaRecordBytes(record) + 64 + 8 * Object.keys(record.headers).length;
