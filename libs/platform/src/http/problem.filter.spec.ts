import type { ArgumentsHost } from '@nestjs/common';
import { ConcurrencyError } from '../event-store/concurrency-error.js';
import { ContractViolationError } from '../event-store/contract-violation.js';
import { createLogger } from '../observability/logger.js';
import { ProblemDetailsFilter } from './problem.filter.js';

/** What the filter answers for an exception: status, Retry-After and the problem body. */
function answer(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    getHeader: (name: string) => sent.headers[name],
    type() {
      return this;
    },
    send(body: string) {
      sent.body = JSON.parse(body) as Record<string, unknown>;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ originalUrl: '/x' }) }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter(createLogger('test', 'silent')).catch(exception, host);
  return sent;
}

describe('problem details for failures that are not the caller’s input', () => {
  it('answers an event that would break its contract with 400 naming the field', () => {
    const sent = answer(
      new ContractViolationError('AssetRegistered', [{ path: 'attributes.tier', message: 'expected string' }], 'x'),
    );
    expect(sent.status).toBe(400);
    expect(sent.body?.errors).toEqual([{ field: 'attributes.tier', rule: 'contract', message: 'expected string' }]);
  });

  it('answers an unreachable database with 503 and Retry-After, not 500', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const sent = answer(refused);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('2');
  });

  it('answers a lost race on a stream with 409', () => {
    expect(answer(new ConcurrencyError('asset-1', 3, 4)).status).toBe(409);
  });

  it('still answers a bug with 500', () => {
    expect(answer(new TypeError('undefined is not a function')).status).toBe(500);
  });
});
