import type { SubscribeOptions } from '../messaging/message-bus.js';
import { InMemoryMessageBus } from './in-memory-message-bus.js';

const record = (key: string) => ({ key, value: `{"key":"${key}"}`, headers: { type: 'AssetRetired' } });

describe('in-memory message bus', () => {
  let bus: InMemoryMessageBus;
  beforeEach(() => (bus = new InMemoryMessageBus()));
  // A group on inventory.events, from its beginning unless told otherwise, retrying at once.
  const subscribe = (onRecord: SubscribeOptions['onRecord'], groupId = 'planning', fromBeginning = true) =>
    bus.subscribe({ groupId, topics: ['inventory.events'], fromBeginning, retryDelay: () => 1, onRecord });

  it('hands published records to a subscriber in order and commits its offset', async () => {
    const seen: string[] = [];
    const subscription = await subscribe(async (r) => void seen.push(`${r.offset}:${r.key}`));
    const producer = await bus.producer();
    await producer.send('inventory.events', [record('a'), record('b')]);
    await bus.settled();
    expect(seen).toEqual(['0:a', '1:b']);
    expect(await bus.committedOffsets('planning', 'inventory.events')).toEqual(new Map([[0, 2n]]));
    await subscription.close();
  });

  it('offers a rejected record again before the ones behind it', async () => {
    const attempts: string[] = [];
    await subscribe(async (r, attempt) => {
      attempts.push(`${r.key}#${attempt}`);
      if (r.key === 'a' && attempt < 3) throw new Error('database away');
    });
    bus.publish('inventory.events', [record('a'), record('b')]);
    await bus.settled();
    expect(attempts).toEqual(['a#1', 'a#2', 'a#3', 'b#1']);
  });

  it('starts a new group at the end of the topic unless it asks for the beginning', async () => {
    bus.publish('inventory.events', [record('old')]);
    const seen: string[] = [];
    await subscribe(async (r) => void seen.push(r.key!), 'late', false);
    bus.publish('inventory.events', [record('new')]);
    await bus.settled();
    expect(seen).toEqual(['new']);
  });

  it('replays topics from the start for an auditor', async () => {
    bus.publish('inventory.events', [record('a')]);
    bus.publish('planning.events', [record('b')]);
    const keys: (string | null)[] = [];
    expect(await bus.readFromStart(['inventory.events', 'planning.events'], (r) => keys.push(r.key))).toBe(2);
    expect(keys).toEqual(['a', 'b']);
  });
});
