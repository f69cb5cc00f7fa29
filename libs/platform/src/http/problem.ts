import { HttpException } from '@nestjs/common';
import type { DomainError, GateResult } from '../domain/domain-error.js';

export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

/** RFC 9457 problem details, with our extensions for field violations and gate reports. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldViolation[];
  gates?: GateResult[];
  [extension: string]: unknown;
}

/**
 * A problem's `type` is a URN (RFC 9457 allows a non-resolvable URI): we own the name and promise
 * no web page under a domain we do not hold. Each slug is described in the OpenAPI documents.
 */
export const PROBLEM_TYPE_BASE = 'urn:upgrade-control:problem:';

export const problem = (
  status: number,
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem => ({
  type: `${PROBLEM_TYPE_BASE}${slug}`,
  title,
  status,
  detail,
  ...extensions,
});

export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

export function invalidInput(errors: FieldViolation[]): ProblemException {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new ProblemException(problem(400, 'invalid-input', 'Invalid request', detail, { errors }));
}

/** The edge's single mapping from expected domain refusals to HTTP. */
export function problemFromDomainError(error: DomainError): Problem {
  switch (error.kind) {
    case 'invalid':
      return problem(400, 'invalid-input', 'Invalid request', error.message, {
        errors: [{ field: error.field, rule: error.rule, message: error.message }],
      });
    case 'not-found':
      return problem(404, 'not-found', 'Not found', error.message);
    case 'forbidden':
      return problem(403, 'forbidden', 'Forbidden', error.message);
    case 'illegal-transition':
      return problem(409, 'illegal-transition', 'Illegal transition', error.message, {
        from: error.from,
        command: error.command,
      });
    case 'conflict':
      return problem(409, 'concurrency-conflict', 'Concurrent modification', error.message, {
        expectedVersion: error.expectedVersion,
        actualVersion: error.actualVersion,
      });
    case 'gate-refused':
      return problem(422, 'gate-refused', 'Gate refused', error.message, { gates: error.gates });
  }
}

/** Returns the value of an ok result, or throws the refusal as problem+json. */
export function orThrow<T extends { ok: true }>(result: T | { ok: false; error: DomainError }): T {
  if (!result.ok) throw new ProblemException(problemFromDomainError(result.error));
  return result;
}

export const notFoundException = (detail: string) =>
  new ProblemException(problem(404, 'not-found', 'Not found', detail));
