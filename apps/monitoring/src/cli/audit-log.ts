import { eventsTopic, fromKafkaRecord, SERVICES, type EventEnvelope } from '@upgrade-control/contracts';
import type { KafkaJsBus } from '@upgrade-control/platform';
import type { ReplayProgress } from './audit-progress.js';

/**
 * The items `produce` emits, as an async iterable holding one at a time: each emit resolves only
 * when the reader asks for the next item, so the producer (a Kafka fetch) never runs ahead.
 */
export async function* pulled<T>(produce: (emit: (item: T) => Promise<void>) => Promise<unknown>): AsyncGenerator<T> {
  let slot: { item: T; taken: () => void } | undefined;
  let wake: (() => void) | undefined;
  let finished: { error?: unknown } | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const emit = (item: T) =>
    new Promise<void>((taken) => {
      slot = { item, taken };
      signal();
    });
  produce(emit).then(
    () => ((finished = {}), signal()),
    (error: unknown) => ((finished = { error }), signal()),
  );
  for (;;) {
    if (slot) {
      const { item, taken } = slot;
      slot = undefined;
      yield item;
      taken();
    } else if (finished) {
      if ('error' in finished) throw finished.error;
      return;
    } else await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** The four event topics read from offset 0 to their ends as of each read. */
export interface KafkaLog {
  /** One read of the log; every call reads it again, in the same order per partition. */
  read(label: string): AsyncIterable<EventEnvelope>;
  /** Records of the latest read that are not events of the catalogue's envelope. */
  unreadable(): number;
}

export function kafkaLog(bus: KafkaJsBus, topicPrefix: string, progress: ReplayProgress): KafkaLog {
  const topics = SERVICES.map((s) => `${topicPrefix}${eventsTopic(s)}`);
  let unreadable = 0;
  return {
    read: (label) =>
      pulled<EventEnvelope>(async (emit) => {
        unreadable = 0;
        try {
          await bus.readFromStart(
            topics,
            async (record) => {
              progress.advance();
              const parsed = fromKafkaRecord(record.value, record.headers);
              if (parsed.ok) await emit(parsed.envelope);
              else unreadable += 1;
            },
            // The topics' high-water marks as the read starts: the records it will take.
            (total) => progress.start(label, total),
          );
        } finally {
          progress.stop();
        }
      }),
    unreadable: () => unreadable,
  };
}
