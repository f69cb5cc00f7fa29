import { responseValidator, type ResponseExchange } from '@upgrade-control/contracts/response-validator';
import type { OpenAPIObject } from '@nestjs/swagger';
import { withConventions } from '../nest/openapi-conventions.js';
import { EventTooLargeError } from '../event-store/event-too-large.js';
import { idempotencyKeyInFlight, idempotencyKeyReused } from './idempotency-problems.js';
import { problemOf } from './problem.filter.js';
import { invalidInput, problem, problemFromDomainError, type Problem } from './problem.js';
import { PROBLEM_RESPONSES } from './problem-schemas.js';

// One write operation that can answer every documented problem.
const validate = responseValidator(
  withConventions({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/upgrades/{upgradeId}/submit': {
        post: {
          operationId: 'submitPlan',
          parameters: [{ name: 'upgradeId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {},
          responses: { '200': { description: 'OK' } },
        },
      },
    },
  } as unknown as OpenAPIObject),
);
const answer = (body: Problem): ResponseExchange => ({
  method: 'POST',
  path: '/upgrades/u-1/submit',
  status: body.status,
  contentType: 'application/problem+json',
  body,
});

describe('the problem schemas', () => {
  const examples: [string, Problem][] = Object.values(PROBLEM_RESPONSES).flatMap((r) => Object.entries(r.examples));
  it.each(examples)('accept their own example %s', (_, example) => {
    expect(validate(answer(example))).toEqual([]);
  });

  it('accept every refusal the edge maps from the domain', () => {
    const gates = [{ gate: 'g', rule: 'r', status: 'failed' as const, missing: ['x'], fix: null }];
    const refusals = [
      problemFromDomainError({ kind: 'invalid', field: 'f', rule: 'r', message: 'm' }),
      problemFromDomainError({ kind: 'not-found', message: 'm' }),
      problemFromDomainError({ kind: 'forbidden', message: 'm' }),
      problemFromDomainError({ kind: 'illegal-transition', message: 'm', from: 'Draft', command: 'approve' }),
      problemFromDomainError({ kind: 'conflict', message: 'm', expectedVersion: 1, actualVersion: 2 }),
      problemFromDomainError({ kind: 'gate-refused', message: 'm', gates }),
      invalidInput([{ field: 'f', rule: 'r', message: 'm' }]).problem,
      problemOf(new EventTooLargeError('UpgradeProposed', 'upgrade-u-1', 2_000_000, 1_000_000, 'purpose')),
      idempotencyKeyReused('k-1'),
      idempotencyKeyInFlight('k-1'),
    ];
    for (const refusal of refusals) expect(validate(answer(refusal))).toEqual([]);
  });

  it('refuse a 400 that does not name the broken field', () => {
    expect(validate(answer(problem(400, 'invalid-input', 'Invalid request', 'bad')))).toEqual([
      'POST /upgrades/u-1/submit (submitPlan) answered 400: body must have required property \'errors\' (missingProperty: "errors")',
    ]);
  });

  it('refuse a type outside our URN namespace', () => {
    const foreign = { ...problem(404, 'not-found', 'Not found', 'x'), type: 'https://example.com/not-found' };
    expect(validate(answer(foreign))[0]).toContain('body/type must match pattern');
  });
});
