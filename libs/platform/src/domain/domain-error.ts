/** One gate of the rule book as the plan stands: what it enforces and, if it fails, what is missing. */
export interface GateResult {
  gate: string;
  rule: string;
  status: 'passed' | 'failed' | 'waived' | 'not-applicable';
  missing: string[];
  fix: string | null;
}

/**
 * Expected refusals, as values: deciders return them, the HTTP edge maps them
 * (invalid → 400, not-found → 404, illegal-transition/conflict → 409, gate-refused → 422, forbidden → 403,
 * precondition-failed → 412 (an If-Match that names an older version), precondition-required → 428).
 */
export type DomainError =
  | { kind: 'invalid'; message: string; field: string; rule: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'illegal-transition'; message: string; from: string; command: string }
  | { kind: 'conflict'; message: string; expectedVersion: number; actualVersion: number }
  | { kind: 'gate-refused'; message: string; gates: GateResult[] }
  | { kind: 'precondition-failed'; message: string; expectedVersion: number; actualVersion: number }
  | { kind: 'precondition-required'; message: string };

export const illegalTransition = (from: string, command: string): DomainError => ({
  kind: 'illegal-transition',
  message: `${command} is not allowed while the upgrade is ${from}`,
  from,
  command,
});

export const gateRefused = (message: string, gates: GateResult[]): DomainError => ({
  kind: 'gate-refused',
  message,
  gates,
});

export const invalid = (field: string, rule: string, message: string): DomainError => ({
  kind: 'invalid',
  field,
  rule,
  message,
});

export const notFound = (message: string): DomainError => ({ kind: 'not-found', message });
