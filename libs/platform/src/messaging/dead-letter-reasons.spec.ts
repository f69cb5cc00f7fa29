import { DEAD_LETTER_REASONS, type DeadLetterReason } from '@upgrade-control/contracts';
import { SECURITY_FINDINGS, type PoisonReason } from './record-inspection.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('the dead-letter reasons the AsyncAPI document lists', () => {
  it('are exactly the reasons the consumer dead-letters with (tsc fails on a difference)', () => {
    const same: Same<DeadLetterReason, PoisonReason | 'handler-failed'> = true;
    expect(same).toBe(true);
  });

  it('include every security finding', () => {
    expect(DEAD_LETTER_REASONS).toEqual(expect.arrayContaining([...SECURITY_FINDINGS]));
  });
});
