import type { Batch, IHeaders, KafkaMessage } from 'kafkajs';
import type { IncomingRecord } from '../message-bus.js';

/** A fetched message as the platform sees it. */
export function incoming(
  batch: Pick<Batch, 'topic' | 'partition'>,
  message: KafkaMessage,
  lag: number,
): IncomingRecord {
  return {
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers: stringHeaders(message.headers),
    lag,
  };
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? String(value[0]) : value.toString();
  }
  return out;
}
