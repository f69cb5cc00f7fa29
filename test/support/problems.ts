import type { Response } from 'supertest';
import type { RunningService } from './service-app.js';

/** A refusal as problem+json with the status, naming the field and the rule. */
export function expectProblem(response: Response, status: number, field: string, rule: string): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(response.body.status).toBe(status);
  expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  expect(response.body.detail).toContain(field);
}

/** Runs a request and checks that it left the event store as it found it. */
export async function withoutEvents<T>(service: RunningService, request: () => PromiseLike<T>): Promise<T> {
  const before = await service.eventCount();
  const result = await request();
  expect(await service.eventCount()).toBe(before);
  return result;
}
