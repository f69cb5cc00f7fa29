import type { Decider, Decision } from '../domain/decider.js';
import type { DomainError } from '../domain/domain-error.js';

/**
 * given(events).when(command).then(expectedEvents) / .thenRefuses(kind, message) for deciders.
 * Plain assertions so it works in any test runner.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(history: E[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        state,
        when(command: C) {
          const decision: Decision<E> = decider.decide(command, state);
          return {
            decision,
            then(expected: E[]) {
              if (!decision.ok) throw new Error(`expected events, got refusal: ${JSON.stringify(decision.error)}`);
              expect(decision.events).toEqual(expected);
            },
            thenRefuses(kind: DomainError['kind'], message?: string | RegExp): DomainError {
              if (decision.ok)
                throw new Error(`expected a ${kind} refusal, got events: ${JSON.stringify(decision.events)}`);
              expect(decision.error.kind).toBe(kind);
              if (message !== undefined) expect(decision.error.message).toMatch(message);
              return decision.error;
            },
          };
        },
      };
    },
  };
}
