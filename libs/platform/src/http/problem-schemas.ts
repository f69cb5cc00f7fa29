import { idempotencyKeyInFlight, idempotencyKeyReused } from './idempotency-problems.js';
import { PROBLEM_TYPE_BASE, problem, problemFromDomainError, type Problem } from './problem.js';

/**
 * The JSON Schemas of what problem.ts builds, as OpenAPI components. problem-schemas.spec.ts checks
 * every problem the edge can produce against them, so the documented shape follows the code.
 */
export const PROBLEM_SCHEMAS = {
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem details (application/problem+json), with the extension members our problems carry; no others',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: {
        type: 'string',
        format: 'uri',
        pattern: `^${PROBLEM_TYPE_BASE}[a-z-]+$`,
        description: `What went wrong, as \`${PROBLEM_TYPE_BASE}<slug>\`; the responses of each operation name the slugs it can answer.`,
        example: `${PROBLEM_TYPE_BASE}not-found`,
      },
      title: { type: 'string', description: 'The same for every problem of this type', example: 'Not found' },
      status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status, repeated', example: 404 },
      detail: { type: 'string', description: 'This occurrence, for a person', example: 'no upgrade u-42' },
      instance: { type: 'string', description: 'The request path (and query) that failed', example: '/upgrades/u-42' },
      errors: {
        type: 'array',
        minItems: 1,
        description: 'invalid-input, event-too-large: each broken rule of the input',
        items: { $ref: '#/components/schemas/FieldViolation' },
      },
      gates: {
        type: 'array',
        minItems: 1,
        description: 'gate-refused: the report of every gate that decided the refusal',
        items: { $ref: '#/components/schemas/GateResult' },
      },
      operation: { type: 'string', description: 'forbidden: the operation the role may not call' },
      from: { type: 'string', description: 'illegal-transition: the state the command found' },
      command: { type: 'string', description: 'illegal-transition: the command refused' },
      expectedVersion: {
        type: 'integer',
        description: 'precondition-failed, concurrency-conflict: the version the write expected',
      },
      actualVersion: { type: 'integer', description: 'precondition-failed, concurrency-conflict: the version found' },
      limitBytes: { type: 'integer', description: 'payload-too-large, event-too-large: the limit in bytes' },
      sizeBytes: { type: 'integer', description: 'event-too-large: the size the event would have had' },
      retryAfterSeconds: { type: 'integer', minimum: 0, description: 'unavailable: seconds to wait, as Retry-After' },
      header: { type: 'string', description: 'idempotency-key-reused, idempotency-key-in-flight: the header at fault' },
    },
    additionalProperties: false,
  },
  FieldViolation: {
    type: 'object',
    description: 'One broken rule of the input',
    required: ['field', 'rule', 'message'],
    properties: {
      field: {
        type: 'string',
        description: 'The body property, query or path parameter or header',
        example: 'window.start',
      },
      rule: { type: 'string', description: 'The rule it breaks', example: 'iso-date-time' },
      message: { type: 'string', example: 'must be an ISO 8601 date-time with an offset' },
    },
    additionalProperties: false,
  },
  ValidationProblem: {
    description: 'A problem that names each field of the input that breaks a rule',
    allOf: [{ $ref: '#/components/schemas/Problem' }, { required: ['errors'] }],
  },
  GateResult: {
    type: 'object',
    description: 'One gate of the rule book as the plan stands: what it enforces and, if it failed, what is missing',
    required: ['gate', 'rule', 'status', 'missing', 'fix'],
    properties: {
      gate: {
        type: 'string',
        example: 'rollback',
        description:
          'The gate’s stable name: purpose, impact, compatibility, compatibility-unknown, backup, rollback, ' +
          'rollback-rehearsal, test-evidence, acceptance-criteria, runbook, approval, maintenance-window, support-roster, ' +
          'monitoring-period, monitoring-baseline, communication, after-notice, rollback-notice, post-implementation-review',
      },
      rule: {
        type: 'string',
        description: 'The rule of the rule book the gate enforces, in words',
        example:
          'Prepare rollback before deployment: decision owner, triggers, steps, duration, data-loss exposure; irreversible changes acknowledged.',
      },
      status: {
        type: 'string',
        enum: ['passed', 'failed', 'waived', 'not-applicable'],
        example: 'failed',
        description:
          'passed: the facts satisfy the rule; failed: they do not (submit or ready is refused); waived: an approver ' +
          'accepted the failing facts with a reason; not-applicable: the rule does not apply to this plan (e.g. no ' +
          'rehearsal for low risk)',
      },
      missing: {
        type: 'array',
        items: { type: 'string' },
        example: ['dba-on-call accepting the rollback decision'],
        description: 'What is missing, one line each; empty unless the gate failed',
      },
      fix: {
        type: ['string', 'null'],
        example: 'dba-on-call: POST /upgrades/{id}/rollback-plan/decision-owner {"accept": true}',
        description: 'What to do so the gate passes; null when nothing is to be done',
      },
    },
    additionalProperties: false,
  },
  GateRefusalProblem: {
    description: 'A refusal by the rule book: the report of every gate that decided it',
    allOf: [{ $ref: '#/components/schemas/Problem' }, { required: ['gates'] }],
  },
} as const;

const ref = (name: keyof typeof PROBLEM_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const EXAMPLE_KEY = '5f0c7f3e-2a3b-4c1d-9e8f-0a1b2c3d4e5f';
const at = (example: Problem, instance = '/upgrades/u-42'): Problem => ({ ...example, instance });

const gateRefused = problemFromDomainError({
  kind: 'gate-refused',
  message: 'the plan cannot be submitted: no rollback plan',
  gates: [
    {
      gate: 'rollback-plan',
      rule: 'A rollback plan is defined before submission',
      status: 'failed',
      missing: ['rollback plan'],
      fix: 'PUT /upgrades/{upgradeId}/rollback-plan',
    },
  ],
});

interface ProblemResponse {
  description: string;
  schema: ReturnType<typeof ref> | { anyOf: ReturnType<typeof ref>[] };
  examples: Record<string, Problem>;
  headers?: string[];
}

/** Every error answer an operation can give, keyed by the name of its response component. */
export const PROBLEM_RESPONSES: Record<string, ProblemResponse & { status: number }> = {
  BadRequest: {
    status: 400,
    description: 'Invalid input: each broken rule names its field (body property, query or path parameter, header)',
    schema: ref('ValidationProblem'),
    examples: {
      'invalid-input': at(
        problemFromDomainError({ kind: 'invalid', field: 'reason', rule: 'required', message: 'reason is required' }),
      ),
    },
  },
  Unauthorized: {
    status: 401,
    description: 'No valid API key or bearer token',
    schema: ref('Problem'),
    examples: {
      unauthenticated: at(
        problem(401, 'unauthenticated', 'Authentication required', 'an API key or a bearer token is required'),
      ),
    },
  },
  Forbidden: {
    status: 403,
    description: "The caller's role may not call this operation (see the authorization table)",
    schema: ref('Problem'),
    examples: {
      forbidden: at(
        problem(403, 'forbidden', 'Forbidden', 'role observer may not call submitPlan', { operation: 'submitPlan' }),
      ),
    },
  },
  NotFound: {
    status: 404,
    description: 'A resource the path or the body names does not exist',
    schema: ref('Problem'),
    examples: { 'not-found': at(problemFromDomainError({ kind: 'not-found', message: 'no upgrade u-42' })) },
  },
  Conflict: {
    status: 409,
    description:
      'The state forbids the command (illegal-transition), a concurrent write won (concurrency-conflict), or a request with the same Idempotency-Key is still running (idempotency-key-in-flight)',
    schema: ref('Problem'),
    examples: {
      'illegal-transition': at(
        problemFromDomainError({
          kind: 'illegal-transition',
          message: 'approve is not allowed while the upgrade is draft',
          from: 'draft',
          command: 'approve',
        }),
      ),
      'idempotency-key-in-flight': at(idempotencyKeyInFlight(EXAMPLE_KEY)),
    },
  },
  PreconditionFailed: {
    status: 412,
    description: 'If-Match names a stream version other than the current one: reload and retry',
    schema: ref('Problem'),
    examples: {
      'precondition-failed': at(
        problem(412, 'precondition-failed', 'Precondition failed', 'If-Match "3" but the upgrade is at version 5', {
          expectedVersion: 3,
          actualVersion: 5,
        }),
      ),
    },
  },
  PayloadTooLarge: {
    status: 413,
    description: 'The body is larger than HTTP_BODY_LIMIT_BYTES',
    schema: ref('Problem'),
    examples: {
      'payload-too-large': at(
        problem(413, 'payload-too-large', 'Payload too large', 'the request body may be at most 1048576 bytes', {
          limitBytes: 1048576,
        }),
      ),
    },
  },
  UnprocessableContent: {
    status: 422,
    description:
      'The rule book refuses the command (gate-refused, with the gate report), the event would be too large (event-too-large), or the Idempotency-Key was used with another body (idempotency-key-reused)',
    schema: { anyOf: [ref('GateRefusalProblem'), ref('ValidationProblem'), ref('Problem')] },
    examples: {
      'gate-refused': at(gateRefused),
      'idempotency-key-reused': at(idempotencyKeyReused(EXAMPLE_KEY)),
    },
  },
  PreconditionRequired: {
    status: 428,
    description: 'If-Match is required (REQUIRE_IF_MATCH=true) and absent',
    schema: ref('Problem'),
    examples: {
      'precondition-required': at(
        problem(
          428,
          'precondition-required',
          'Precondition required',
          'send If-Match with the stream version you last read',
        ),
      ),
    },
  },
  TooManyRequests: {
    status: 429,
    description: "The caller's request budget is spent: wait as Retry-After says",
    schema: ref('Problem'),
    headers: ['Retry-After'],
    examples: {
      'too-many-requests': at(
        problem(
          429,
          'too-many-requests',
          'Too many requests',
          'this principal made more than 600 requests in 60 s; retry after 12 s',
        ),
      ),
    },
  },
  ServiceUnavailable: {
    status: 503,
    description: 'A dependency (database or broker) is away for a moment; nothing was written: retry after Retry-After',
    schema: ref('Problem'),
    headers: ['Retry-After'],
    examples: {
      unavailable: at(
        problem(
          503,
          'unavailable',
          'Service unavailable',
          'A dependency (database or broker) is not reachable right now; nothing was written. Retry shortly.',
          {
            retryAfterSeconds: 2,
          },
        ),
      ),
    },
  },
};
