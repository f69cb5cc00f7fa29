import { toKafkaRecord, type EventEnvelope, type KafkaRecord } from '@upgrade-control/contracts';

/**
 * Kafka's default message.max.bytes is 1,048,588 (1 MiB + 12 bytes of log overhead). It bounds a
 * whole record batch: the record's key, its headers, varint framing and the 61-byte batch header
 * count against it besides the value. 900,000 bytes of key + value + headers leaves about 145 KB of
 * headroom for that framing and for a broker configured a little below the default. An event
 * above the broker's limit can never be published, so it must never be accepted.
 */
export const DEFAULT_EVENT_MAX_BYTES = 900_000;

/** An append refused because one of its events, as a Kafka record, would exceed the limit. Nothing was written. */
export class EventTooLargeError extends Error {
  constructor(
    readonly eventType: string,
    readonly streamId: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
    /** The payload property that weighs most: what the caller has to make smaller. */
    readonly field: string,
  ) {
    super(
      `${eventType} on ${streamId} would be a ${sizeBytes}-byte Kafka record, above the ${limitBytes}-byte event size limit; ${field} is the largest part`,
    );
    this.name = 'EventTooLargeError';
  }
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Bytes of a Kafka record: key, value and every header name and value. */
export function kafkaRecordBytes(record: KafkaRecord): number {
  let bytes = utf8(record.key) + utf8(record.value);
  for (const [name, value] of Object.entries(record.headers)) bytes += utf8(name) + utf8(value);
  return bytes;
}

/** Bytes of the record the relay will send for this event. */
export const recordBytes = (envelope: EventEnvelope, traceparent: string | null): number =>
  kafkaRecordBytes(toKafkaRecord(envelope, traceparent));

/** Throws EventTooLargeError for the first event whose record would exceed the limit. */
export function refuseOversized(events: EventEnvelope[], traceparent: string | null, limitBytes: number): void {
  for (const envelope of events) {
    const size = recordBytes(envelope, traceparent);
    if (size > limitBytes) {
      throw new EventTooLargeError(envelope.type, envelope.streamId, size, limitBytes, heaviestField(envelope.payload));
    }
  }
}

function heaviestField(payload: Record<string, unknown>): string {
  let heaviest = '(payload)';
  let most = -1;
  for (const [key, value] of Object.entries(payload)) {
    const size = utf8(JSON.stringify(value) ?? '');
    if (size > most) [heaviest, most] = [key, size];
  }
  return heaviest;
}
