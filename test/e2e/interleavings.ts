import type { IncomingRecord } from '@upgrade-control/platform';

/** A small seeded generator, so a failing interleaving can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A random interleaving of the records that keeps each stream's records in their order (as Kafka
 * keeps one key's records): the only order ADR 10 promises a consumer.
 */
export function shuffleAcrossStreams(records: IncomingRecord[], random: () => number): IncomingRecord[] {
  const streams = new Map<string, IncomingRecord[]>();
  for (const record of records) {
    const stream = `${record.topic}\u0000${record.key}`;
    streams.set(stream, [...(streams.get(stream) ?? []), record]);
  }
  const queues = [...streams.values()];
  const shuffled: IncomingRecord[] = [];
  while (queues.length > 0) {
    const i = Math.floor(random() * queues.length);
    shuffled.push(queues[i]!.shift()!);
    if (queues[i]!.length === 0) queues.splice(i, 1);
  }
  return shuffled;
}
