import type { IncomingRecord, MessageBus } from './message-bus.js';

/**
 * The dead-letter topic as operators see it. What the DLQ tool has re-driven is remembered as the
 * committed offsets of a group of its own, so a message is re-driven once unless asked again, and
 * the pending count is "end offset − committed" per partition.
 */
export const dlqRedriveGroup = (consumerGroup: string): string => `${consumerGroup}.dlq-redrive`;

export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  reason: string;
  error: string;
  sourceTopic: string;
  sourceOffset: string;
  eventId: string | null;
  type: string | null;
  at: string | null;
  redriven: boolean;
  /** The message's own headers, without the DLQ's. */
  headers: Record<string, string>;
}

export interface DeadLetterTopic {
  bus: MessageBus;
  /** The dead-letter topic. */
  topic: string;
  /** The group that records what was re-driven. */
  group: string;
}

const isDlqHeader = (name: string) => name.startsWith('dlq_') || name === 'redriven_from';

export async function listDeadLetters({ bus, topic, group }: DeadLetterTopic): Promise<DeadLetter[]> {
  // A service that never dead-lettered anything may not have its DLQ topic yet: nothing to list.
  const none = () => new Map<number, bigint>();
  const ends = await bus.topicEndOffsets(topic).catch(none);
  if (ends.size === 0) return [];
  const committed = await bus.committedOffsets(group, topic).catch(none);
  const letters: DeadLetter[] = [];
  await bus.readFromStart([topic], (record) => {
    if (BigInt(record.offset) < (ends.get(record.partition) ?? 0n)) letters.push(toDeadLetter(record, committed));
  });
  return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

export async function pendingDeadLetters(bus: MessageBus, topic: string, group: string): Promise<number> {
  const [ends, committed] = await Promise.all([bus.topicEndOffsets(topic), bus.committedOffsets(group, topic)]);
  let pending = 0n;
  for (const [partition, end] of ends) pending += end - (committed.get(partition) ?? 0n);
  return Number(pending);
}

/**
 * Puts dead letters back on the service's re-drive topic, which only that service consumes; its
 * inbox makes a second delivery of an event already applied a no-op, so re-driving is idempotent.
 * A message that is still poison lands in the DLQ again, with its new reason.
 */
export async function redriveDeadLetters(
  dlq: DeadLetterTopic,
  redriveTopic: string,
  options: { all?: boolean; only?: (letter: DeadLetter) => boolean } = {},
): Promise<DeadLetter[]> {
  const letters = await listDeadLetters(dlq);
  const chosen = letters.filter((l) => (options.all || !l.redriven) && (options.only?.(l) ?? true));
  if (chosen.length > 0) {
    const producer = await dlq.bus.producer();
    try {
      await producer.send(
        redriveTopic,
        chosen.map((l) => ({
          key: l.key ?? '',
          value: l.value ?? '',
          headers: { ...l.headers, redriven_from: `${dlq.topic}/${l.partition}/${l.offset}` },
        })),
      );
    } finally {
      await producer.close();
    }
  }
  // Marks everything listed as handled, also letters left out by `only`: they were looked at.
  const next = new Map<number, bigint>();
  for (const l of letters) next.set(l.partition, BigInt(l.offset) + 1n); // sorted: the last one wins
  if (next.size > 0) await dlq.bus.commitOffsets(dlq.group, dlq.topic, next);
  return chosen;
}

function toDeadLetter(record: IncomingRecord, committed: Map<number, bigint>): DeadLetter {
  const h = record.headers;
  return {
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    value: record.value,
    reason: h.dlq_reason ?? 'unknown',
    error: h.dlq_error ?? '',
    sourceTopic: h.dlq_source_topic ?? '',
    sourceOffset: `${h.dlq_source_partition ?? '?'}/${h.dlq_source_offset ?? '?'}`,
    eventId: h.ce_id ?? null,
    type: h.ce_type ?? null,
    at: h.dlq_at ?? null,
    redriven: BigInt(record.offset) < (committed.get(record.partition) ?? 0n),
    headers: Object.fromEntries(Object.entries(h).filter(([name]) => !isDlqHeader(name))),
  };
}
