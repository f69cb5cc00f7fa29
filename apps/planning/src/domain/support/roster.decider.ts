import type {
  DomainEventOf,
  PayloadOf,
  Role,
  SupportShiftCancelled,
  SupportShiftRecorded,
} from '@upgrade-control/contracts';
import {
  accept,
  assertNever,
  invalid,
  notFound,
  refuse,
  type Decider,
  type Decision,
} from '@upgrade-control/platform/domain';

// The support roster: who is on call for which support role, when. One stream per shift; a shift
// is recorded once and may be cancelled, never edited (record a new one instead). The support
// roster ADR (docs/adr/) says who may record and why nobody records their own shift.

export type RosterEvent = DomainEventOf<typeof SupportShiftRecorded> | DomainEventOf<typeof SupportShiftCancelled>;
type Shift = PayloadOf<typeof SupportShiftRecorded>;

export type RosterCommand =
  | ({ type: 'RecordShift'; now: Date } & Shift)
  | { type: 'CancelShift'; shiftId: string; reason: string; cancelledBy: { id: string; role: Role } };

export type RosterState = { status: 'None' } | { status: 'OnCall' | 'Cancelled'; shift: Shift };

/** Who may arrange on-call duty: the planners who need it and the approvers who sign it off. */
const ARRANGERS: Role[] = ['planner', 'approver'];

function recordShift(command: Extract<RosterCommand, { type: 'RecordShift' }>, state: RosterState) {
  const { type: _, now, ...shift } = command;
  if (state.status !== 'None') return refuse(invalid('shiftId', 'unique', `shift ${shift.shiftId} already exists`));
  if (Date.parse(shift.endsAt) <= Date.parse(shift.startsAt))
    return refuse(invalid('endsAt', 'after-start', 'a shift must end after it starts'));
  if (Date.parse(shift.endsAt) <= now.getTime())
    return refuse(invalid('endsAt', 'future', 'the shift has already ended: it cannot cover a window any more'));
  // A second person: being on call is agreed with somebody who arranges it, not declared alone.
  if (shift.recordedBy === shift.principal)
    return refuse({
      kind: 'forbidden',
      message: `${shift.principal} cannot record their own on-call shift: another planner or approver records it`,
    });
  return accept<RosterEvent>({ type: 'SupportShiftRecorded', payload: shift });
}

function cancelShift(command: Extract<RosterCommand, { type: 'CancelShift' }>, state: RosterState) {
  if (state.status === 'None') return refuse(notFound(`shift ${command.shiftId} not found`));
  if (state.status === 'Cancelled')
    return refuse(invalid('shiftId', 'on-call', `shift ${command.shiftId} is already cancelled`));
  // The person on call may withdraw; only an arranger may withdraw somebody else.
  const { id, role } = command.cancelledBy;
  if (id !== state.shift.principal && !ARRANGERS.includes(role))
    return refuse({
      kind: 'forbidden',
      message: `only ${state.shift.principal}, a planner or an approver may cancel shift ${command.shiftId}`,
    });
  return accept<RosterEvent>({
    type: 'SupportShiftCancelled',
    payload: { shiftId: command.shiftId, reason: command.reason, cancelledBy: id },
  });
}

function decide(command: RosterCommand, state: RosterState): Decision<RosterEvent> {
  switch (command.type) {
    case 'RecordShift':
      return recordShift(command, state);
    case 'CancelShift':
      return cancelShift(command, state);
    default:
      return assertNever(command);
  }
}

function evolve(state: RosterState, event: RosterEvent): RosterState {
  switch (event.type) {
    case 'SupportShiftRecorded':
      return { status: 'OnCall', shift: event.payload };
    case 'SupportShiftCancelled':
      return state.status === 'None' ? state : { status: 'Cancelled', shift: state.shift };
    default:
      return assertNever(event);
  }
}

export const rosterDecider: Decider<RosterCommand, RosterEvent, RosterState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'None' }),
};

export const shiftStreamId = (shiftId: string) => `roster-${shiftId}`;
