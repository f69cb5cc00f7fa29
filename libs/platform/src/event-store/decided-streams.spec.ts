import { DecidedStreams } from './decided-streams.js';

const stream = (version: number) => ({ version, hash: `h${version}`, lastEventId: `e${version}`, state: version });
const deciderA = {};
const deciderB = {};

describe('decided streams', () => {
  it('gives a stream back only to the decider that remembered it', () => {
    const decided = new DecidedStreams(10);
    decided.remember(deciderA, 'upgrade-1', stream(3));
    expect(decided.get(deciderA, 'upgrade-1')).toEqual(stream(3));
    expect(decided.get(deciderB, 'upgrade-1')).toBeUndefined();
  });

  it('forgets the least recently used stream beyond its capacity', () => {
    const decided = new DecidedStreams(2);
    decided.remember(deciderA, 'one', stream(1));
    decided.remember(deciderA, 'two', stream(2));
    decided.get(deciderA, 'one');
    decided.remember(deciderA, 'three', stream(3));
    expect(decided.get(deciderA, 'two')).toBeUndefined();
    expect(decided.get(deciderA, 'one')).toEqual(stream(1));
    expect(decided.get(deciderA, 'three')).toEqual(stream(3));
  });

  it('forgets a stream on request', () => {
    const decided = new DecidedStreams(2);
    decided.remember(deciderA, 'one', stream(1));
    decided.forget('one');
    expect(decided.get(deciderA, 'one')).toBeUndefined();
  });
});
