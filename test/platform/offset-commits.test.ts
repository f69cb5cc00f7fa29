import type { BusSubscription } from '@upgrade-control/platform';
import { eventually, uniqueName } from '../support/environment.js';
import { createTopic, sendRaw, testBus } from '../support/kafka.js';

// ADR 40: a consumer's batches do not wait for offset commits. Offsets of applied records are
// committed at most once per interval, by a batch or a timer, and all at once when the consumer
// stops or its group rebalances. These run against the real broker and read the group's
// committed offsets from it.

const NEVER = 600_000;

async function committed(group: string, topic: string): Promise<number> {
  const offsets = await testBus().committedOffsets(group, topic);
  return [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
}

function member(group: string, topic: string, commitIntervalMs: number, applied: string[]): Promise<BusSubscription> {
  return testBus().subscribe({
    groupId: group,
    topics: [topic],
    fromBeginning: true,
    commitIntervalMs,
    retryDelay: () => 10,
    onRecord: async (record) => {
      applied.push(record.value!);
    },
  });
}

async function send(topic: string, values: string[]): Promise<void> {
  await sendRaw(
    topic,
    values.map((value) => ({ key: value, value })),
  );
}

describe('consumer offset commits', () => {
  it('holds commits back while batches flow, and commits everything applied when it stops', async () => {
    const topic = await createTopic('commits-stop');
    const group = uniqueName('commits-stop');
    const applied: string[] = [];
    const subscription = await member(group, topic, NEVER, applied);
    for (const value of ['a', 'b', 'c', 'd', 'e']) {
      await send(topic, [value]);
      await eventually(async () => applied.includes(value), 20_000, `${value} applied`);
    }
    // Five batches applied and none of them waited for a commit.
    expect(await committed(group, topic)).toBe(0);
    await subscription.close();
    expect(await committed(group, topic)).toBe(5);
  });

  it('commits what was applied within the interval when no batch follows', async () => {
    const topic = await createTopic('commits-idle');
    const group = uniqueName('commits-idle');
    const applied: string[] = [];
    const subscription = await member(group, topic, 1500, applied);
    try {
      await send(topic, ['first']);
      await eventually(async () => (await committed(group, topic)) === 1, 20_000, 'the first record committed');
      // Within the interval of that commit: the batch leaves these to the timer.
      await send(topic, ['b', 'c', 'd']);
      await eventually(async () => applied.length === 4, 20_000, 'all applied');
      await eventually(
        async () => (await committed(group, topic)) === 4,
        20_000,
        'all committed with no batch after them',
      );
    } finally {
      await subscription.close();
    }
  });

  it('commits what was applied before a rebalance hands its partitions to another member', async () => {
    const topic = await createTopic('commits-rebalance');
    const group = uniqueName('commits-rebalance');
    const first: string[] = [];
    const second: string[] = [];
    const one = await member(group, topic, NEVER, first);
    const earlier = ['a', 'b', 'c', 'd', 'e', 'f'];
    await send(topic, earlier);
    await eventually(async () => first.length === earlier.length, 20_000, 'applied by the first member');
    expect(await committed(group, topic)).toBe(0);
    const two = await member(group, topic, NEVER, second);
    try {
      await eventually(
        async () => (await committed(group, topic)) === earlier.length,
        30_000,
        'committed on rebalance',
      );
      const later = ['g', 'h', 'i', 'j', 'k', 'l'];
      await send(topic, later);
      await eventually(async () => later.every((v) => first.includes(v) || second.includes(v)), 30_000, 'later ones');
      // The second member started where the first one's commit left each partition.
      expect(second.filter((v) => earlier.includes(v))).toEqual([]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
