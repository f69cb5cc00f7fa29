import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  Database,
  handleCommand,
  openServiceDataSource,
  PostgresEventStore,
  verifyEventStore,
  type EventStore,
} from '@upgrade-control/platform';
import { accept, invalid, refuse, type Decider } from '@upgrade-control/platform/domain';
import { freshDatabase, type TestDatabase } from '../support/environment.js';

// A tally of review notes: any replica may add one; closing needs at least two.
type Command = { type: 'AddNote' } | { type: 'Close' };
type Event = { type: 'AssetRetired'; payload: { assetId: string; reason: string } };
const tally: Decider<Command, Event, number> = {
  initialState: () => 0,
  evolve: (notes) => notes + 1,
  decide: (command, notes) =>
    command.type === 'Close' && notes < 2
      ? refuse(invalid('notes', 'at-least-two', `closing needs 2 notes, found ${notes}`))
      : accept({ type: 'AssetRetired', payload: { assetId: 'review', reason: command.type } }),
};
const context = {
  correlationId: 'review',
  causationId: null,
  actor: { id: 'rita', role: 'planner' as const },
  now: new Date('2026-11-25T10:00:00.000Z'),
};

describe('handleCommand with two replicas of a service', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let replicaA: EventStore;
  let replicaB: EventStore;

  beforeEach(async () => {
    db = await freshDatabase('commands');
    dataSource = await openServiceDataSource(db.url);
    replicaA = new PostgresEventStore(new Database(dataSource), 'inventory');
    replicaB = new PostgresEventStore(new Database(dataSource), 'inventory');
  });
  afterEach(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const run = (replica: EventStore, command: Command) => handleCommand(replica, tally, 'review-1', command, context);

  it('appends after the state it last wrote, and after the stored state when the other replica wrote since', async () => {
    expect(await run(replicaA, { type: 'AddNote' })).toMatchObject({ ok: true, streamVersion: 1 });
    expect(await run(replicaB, { type: 'AddNote' })).toMatchObject({ ok: true, streamVersion: 2 });
    // A remembers version 1: the head guard refuses that append and A decides again on version 2.
    expect(await run(replicaA, { type: 'AddNote' })).toMatchObject({ ok: true, streamVersion: 3 });
    const stream = await replicaA.readStream('review-1');
    expect(stream.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(stream[2]!.causationId).toBe(stream[1]!.eventId);
    expect((await verifyEventStore(replicaA)).broken).toEqual([]);
  });

  it('decides on the state it last wrote without reading the stream again', async () => {
    await run(replicaA, { type: 'AddNote' });
    const reads = jest.spyOn(replicaA, 'readStream');
    expect(await run(replicaA, { type: 'AddNote' })).toMatchObject({ ok: true, streamVersion: 2 });
    expect(await run(replicaA, { type: 'Close' })).toMatchObject({ ok: true, streamVersion: 3 });
    expect(reads).not.toHaveBeenCalled();
  });

  it('confirms a refusal decided on a remembered state against the stored stream', async () => {
    await run(replicaA, { type: 'AddNote' });
    await run(replicaB, { type: 'AddNote' });
    // A remembers one note and would refuse; the stored stream has two.
    expect(await run(replicaA, { type: 'Close' })).toMatchObject({ ok: true, streamVersion: 3 });
  });

  it('refuses with the stored state in the message when the stored stream agrees', async () => {
    await run(replicaA, { type: 'AddNote' });
    expect(await run(replicaB, { type: 'Close' })).toEqual({
      ok: false,
      error: { kind: 'invalid', field: 'notes', rule: 'at-least-two', message: 'closing needs 2 notes, found 1' },
    });
    expect(await replicaA.readStream('review-1')).toHaveLength(1);
  });

  it('answers a pinned version that the remembered state does not match from the stored stream', async () => {
    await run(replicaA, { type: 'AddNote' });
    await run(replicaB, { type: 'AddNote' });
    const pinned = await handleCommand(replicaA, tally, 'review-1', { type: 'AddNote' }, context, {
      expectedVersion: 2,
    });
    expect(pinned).toMatchObject({ ok: true, streamVersion: 3 });
    const stale = await handleCommand(replicaB, tally, 'review-1', { type: 'AddNote' }, context, {
      expectedVersion: 2,
    });
    expect(stale).toMatchObject({
      ok: false,
      error: { kind: 'precondition-failed', expectedVersion: 2, actualVersion: 3 },
    });
  });
});
