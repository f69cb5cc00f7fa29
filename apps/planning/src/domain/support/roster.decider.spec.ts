import { deciderSpec } from '@upgrade-control/platform/testing';
import type { RosterCommand, RosterEvent } from './roster.decider.js';
import { rosterDecider } from './roster.decider.js';

// The support roster: a planner or approver records who is on call; nobody records themselves.

const spec = deciderSpec(rosterDecider);
const NOW = new Date('2026-12-01T09:00:00Z');
const shift = {
  shiftId: 'dba-sat',
  role: 'dba' as const,
  principal: 'victor',
  startsAt: '2026-12-12T18:00:00Z',
  endsAt: '2026-12-13T06:00:00Z',
  recordedBy: 'alice',
};
const record = (over: Partial<typeof shift> = {}): RosterCommand => ({
  type: 'RecordShift',
  now: NOW,
  ...shift,
  ...over,
});
const recorded: RosterEvent = { type: 'SupportShiftRecorded', payload: shift };
const cancel = (id: string, role: 'planner' | 'operator' = 'operator'): RosterCommand => ({
  type: 'CancelShift',
  shiftId: 'dba-sat',
  reason: 'called away',
  cancelledBy: { id, role },
});

describe('support roster', () => {
  it('records who is on call for a role, and who recorded it', () => {
    spec.given([]).when(record()).then([recorded]);
  });

  it('refuses a shift recorded by the person on call', () => {
    spec
      .given([])
      .when(record({ recordedBy: 'victor' }))
      .thenRefuses('forbidden', 'victor cannot record their own on-call shift: another planner or approver records it');
  });

  it('refuses a shift that ends before it starts', () => {
    spec
      .given([])
      .when(record({ endsAt: '2026-12-12T17:00:00Z' }))
      .thenRefuses('invalid', 'a shift must end after it starts');
  });

  it('refuses a shift that has already ended', () => {
    spec
      .given([])
      .when(record({ startsAt: '2026-11-01T18:00:00Z', endsAt: '2026-11-02T06:00:00Z' }))
      .thenRefuses('invalid', 'the shift has already ended: it cannot cover a window any more');
  });

  it('refuses recording the same shift twice', () => {
    spec.given([recorded]).when(record()).thenRefuses('invalid', 'shift dba-sat already exists');
  });

  it('lets the person on call cancel their own shift', () => {
    spec
      .given([recorded])
      .when(cancel('victor'))
      .then([
        {
          type: 'SupportShiftCancelled',
          payload: { shiftId: 'dba-sat', reason: 'called away', cancelledBy: 'victor' },
        },
      ]);
  });

  it('refuses a cancellation by somebody else who does not arrange shifts', () => {
    spec
      .given([recorded])
      .when(cancel('oscar'))
      .thenRefuses('forbidden', 'only victor, a planner or an approver may cancel shift dba-sat');
  });

  it('refuses cancelling a shift twice', () => {
    spec
      .given([
        recorded,
        { type: 'SupportShiftCancelled', payload: { shiftId: 'dba-sat', reason: 'x', cancelledBy: 'alice' } },
      ])
      .when(cancel('alice', 'planner'))
      .thenRefuses('invalid', 'shift dba-sat is already cancelled');
  });
});
