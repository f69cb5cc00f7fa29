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

/**
 * Records are handed from the Kafka fetch to the reader a page at a time: one hand-off per record
 * (two promises and a generator step each) cost a replay about a third of its speed (issue 19).
 * The fetch runs ahead of the reader by at most one page.
 */
const PAGE = 1000;

async function* flattened<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}

export function kafkaLog(bus: KafkaJsBus, topicPrefix: string, progress: ReplayProgress): KafkaLog {
  const topics = SERVICES.map((s) => `${topicPrefix}${eventsTopic(s)}`);
  let unreadable = 0;
  return {
    read: (label) =>
      flattened(
        pulled<EventEnvelope[]>(async (emit) => {
          unreadable = 0;
          let page: EventEnvelope[] = [];
          try {
            await bus.readFromStart(
              topics,
              // A promise only when a page is full: the read waits for the reader then, not per record.
              (record) => {
                progress.advance();
                // No headers: an audit has no use for the trace context, and not decoding them is faster.
                const parsed = fromKafkaRecord(record.value);
                if (!parsed.ok) unreadable += 1;
                else if (page.push(parsed.envelope) >= PAGE) {
                  const full = page;
                  page = [];
                  return emit(full);
                }
              },
              // The topics' high-water marks as the read starts: the records it will take.
              (total) => progress.start(label, total),
            );
            if (page.length) await emit(page);
          } finally {
            progress.stop();
          }
        }),
      ),
    unreadable: () => unreadable,
  };
}
