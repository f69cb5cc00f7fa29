import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Decider } from '../domain/decider.js';
import { stateStatements, type StateProjection } from './state-projection.js';
import { storedOrder } from './stored-order.js';

// A state that keeps the payloads it saw, so key order is visible.
const decider: Decider<never, { type: string; payload: unknown }, unknown[]> = {
  decide: () => ({ ok: true, events: [] }),
  evolve: (state, event) => [...state, event.payload],
  initialState: () => [],
};
const projection: StateProjection<unknown[]> = {
  decider,
  owns: (streamId) => streamId.startsWith('upgrade-'),
  project: ({ version, state }) => [{ sql: 'UPSERT', parameters: [version, JSON.stringify(state)] }],
};
const event = (streamId: string, payload: unknown) => ({ streamId, type: 'Happened', payload }) as EventEnvelope;

describe('state projections', () => {
  it('evolve the state before the append with the events as stored, in jsonb key order', () => {
    const statements = stateStatements(
      [projection],
      { decider, state: [{ b: 1 }] },
      [event('upgrade-1', { title: 't', id: 'u', skipped: undefined, nested: [{ zz: 1, a: 2 }] })],
      2,
    );
    expect(statements).toEqual([
      { sql: 'UPSERT', parameters: [2, '[{"b":1},{"id":"u","title":"t","nested":[{"a":2,"zz":1}]}]'] },
    ]);
  });

  it('refuse an append to a stream they own without the state before it, naming the stream', () => {
    expect(() => stateStatements([projection], undefined, [event('upgrade-1', {})], 1)).toThrow(
      'an append to upgrade-1 needs the state its decider had before it (handleCommand passes it)',
    );
    expect(stateStatements([projection], undefined, [event('asset-1', {})], 1)).toEqual([]);
  });
});

describe('stored order', () => {
  it('orders keys as jsonb does: shorter first, then by bytes, at every depth', () => {
    expect(JSON.stringify(storedOrder({ bb: 1, a: { ä: 1, z: 2, y: [{ c: 1, b: 2 }] }, B: 3 }))).toBe(
      '{"B":3,"a":{"y":[{"b":2,"c":1}],"z":2,"ä":1},"bb":1}',
    );
  });
});
