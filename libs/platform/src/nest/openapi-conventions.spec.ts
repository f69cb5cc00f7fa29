import type { OpenAPIObject } from '@nestjs/swagger';
import { withConventions } from './openapi-conventions.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const document = (): OpenAPIObject =>
  withConventions({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/upgrades': {
        post: {
          operationId: 'proposeUpgrade',
          tags: ['upgrades'],
          requestBody: {},
          responses: { '201': { description: '' } },
        },
      },
      '/upgrades/{upgradeId}': {
        get: {
          operationId: 'getUpgradePlan',
          parameters: [pathParameter('upgradeId')],
          // What @ETagged() declares: the read can answer 304.
          responses: { '200': { description: '' }, '304': { description: 'Not modified' } },
        },
      },
      '/upgrades/{upgradeId}/submit': {
        post: {
          operationId: 'submitPlan',
          parameters: [pathParameter('upgradeId')],
          responses: { '200': { description: '' } },
        },
      },
      '/health/live': { get: { operationId: 'getLiveness', responses: { '200': { description: '' } } } },
    },
  } as unknown as OpenAPIObject);
const operation = (path: string, method: string) => (document().paths as Json)[path][method] as Json;
const statuses = (op: Json) => Object.keys(op.responses).sort();
const parameterRefs = (op: Json) => (op.parameters as Json[]).map((p) => p.$ref ?? p.name);

describe('the OpenAPI conventions every operation shares', () => {
  it('give a write to an existing aggregate its conditional, idempotency and refusal answers', () => {
    const submit = operation('/upgrades/{upgradeId}/submit', 'post');
    expect(statuses(submit)).toEqual(['200', '400', '401', '403', '404', '409', '412', '422', '428', '429', '503']);
    expect(parameterRefs(submit)).toEqual([
      'upgradeId',
      '#/components/parameters/IfMatch',
      '#/components/parameters/IdempotencyKey',
    ]);
    expect(submit.responses['422']).toEqual({ $ref: '#/components/responses/UnprocessableContent' });
  });

  it('give a creating POST Location and a body limit, but no If-Match', () => {
    const propose = operation('/upgrades', 'post');
    expect(statuses(propose)).toEqual(['201', '400', '401', '403', '404', '409', '413', '422', '429', '503']);
    expect(propose.responses['201'].headers.Location).toEqual({ $ref: '#/components/headers/Location' });
    expect(parameterRefs(propose)).toEqual(['#/components/parameters/IdempotencyKey']);
  });

  it('give a read that can answer 304 its ETag, and a described path parameter', () => {
    const get = operation('/upgrades/{upgradeId}', 'get');
    expect(statuses(get)).toEqual(['200', '304', '400', '401', '403', '404', '429', '503']);
    expect(get.responses['200'].headers).toEqual({ ETag: { $ref: '#/components/headers/ETag' } });
    expect(get.parameters[0].description).toMatch(/upgrade/);
    expect(get.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
  });

  it('ask no credentials of a public operation and promise no 401, 403 or 429', () => {
    const live = operation('/health/live', 'get');
    expect(live.security).toEqual([]);
    expect(statuses(live)).toEqual(['200', '400', '503']);
  });

  it('give an error a controller declares itself the problem schema, keeping its description', () => {
    const declared = withConventions({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/calendar': { get: { responses: { '200': {}, '404': { description: 'no such calendar' } } } } },
    } as unknown as OpenAPIObject);
    expect((declared.paths as Json)['/calendar'].get.responses['404']).toEqual({
      $ref: '#/components/responses/NotFound',
      description: 'no such calendar',
    });
  });

  it('describe every tag in use', () => {
    expect(document().tags).toEqual([{ name: 'upgrades', description: expect.stringContaining('Planning') }]);
  });

  it('leave a path parameter nobody described as it is, rather than fail a served document', () => {
    const undescribed = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/x/{mystery}': { get: { parameters: [pathParameter('mystery')], responses: {} } } },
    } as unknown as OpenAPIObject;
    expect((withConventions(undescribed).paths as Json)['/x/{mystery}'].get.parameters[0].description).toBeUndefined();
  });
});
