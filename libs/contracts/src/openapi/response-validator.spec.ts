import { responseValidator } from './response-validator.js';

const problem = { type: 'urn:x', title: 'Not found', status: 404, detail: 'no such asset' };
const DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  paths: {
    '/assets/{assetId}': {
      get: {
        operationId: 'getAsset',
        responses: {
          '200': {
            description: 'the asset',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Asset' } } },
          },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    },
    '/assets/expiring': {
      get: {
        operationId: 'listExpiringAssets',
        responses: { '200': { description: 'a list', content: { 'application/json': { schema: { type: 'array' } } } } },
      },
    },
    '/assets/{assetId}/retire': {
      post: { operationId: 'retireAsset', responses: { '200': { description: 'no schema yet' } } },
    },
  },
  components: {
    responses: {
      NotFound: {
        description: 'unknown',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
    schemas: {
      Asset: {
        type: 'object',
        required: ['assetId', 'version', 'registeredAt'],
        properties: {
          assetId: { type: 'string', format: 'uuid' },
          version: { type: 'integer' },
          registeredAt: { type: 'string', format: 'date-time' },
        },
      },
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
        },
      },
    },
  },
};
const asset = { assetId: '0b9f5c1e-8f3a-4c55-9d2e-1f6a7b8c9d0e', version: 3, registeredAt: '2026-11-26T10:00:00Z' };
const validate = responseValidator(DOCUMENT);
const get = (path: string, status: number, body: unknown, contentType = 'application/json; charset=utf-8') =>
  validate({ method: 'GET', path, status, contentType, body });

describe('responseValidator', () => {
  it('finds nothing wrong with a body that matches its schema through a component $ref', () => {
    expect(get('/assets/0b9f5c1e-8f3a-4c55-9d2e-1f6a7b8c9d0e', 200, asset)).toEqual([]);
  });

  it('names the property of the wrong type', () => {
    expect(get('/assets/a1', 200, { ...asset, version: '3' })).toEqual([
      'GET /assets/a1 (getAsset) answered 200: body/version must be integer (type: "integer")',
    ]);
  });

  it('names a missing required property', () => {
    const { registeredAt: _, ...withoutTime } = asset;
    expect(get('/assets/a1', 200, withoutTime)).toEqual([
      'GET /assets/a1 (getAsset) answered 200: body must have required property \'registeredAt\' (missingProperty: "registeredAt")',
    ]);
  });

  it('checks formats', () => {
    expect(get('/assets/a1', 200, { ...asset, registeredAt: 'yesterday' })).toEqual([
      'GET /assets/a1 (getAsset) answered 200: body/registeredAt must match format "date-time" (format: "date-time")',
    ]);
  });

  it('checks a problem against the schema of its own media type, through a response component', () => {
    expect(get('/assets/a1', 404, problem, 'application/problem+json')).toEqual([]);
    expect(get('/assets/a1', 404, { ...problem, status: 'gone' }, 'application/problem+json')).toHaveLength(1);
  });

  it('refuses a status the operation does not declare', () => {
    expect(get('/assets/a1', 500, problem, 'application/problem+json')).toEqual([
      'GET /assets/a1 (getAsset) answered 500, a status the document does not declare for /assets/{assetId}',
    ]);
  });

  it('refuses a media type the status does not declare', () => {
    expect(get('/assets/a1', 404, problem, 'application/json')).toEqual([
      'GET /assets/a1 (getAsset) answered 404 with application/json, which the document does not declare (it declares application/problem+json)',
    ]);
  });

  it('prefers a literal path segment to a parameter, as the router does', () => {
    expect(get('/assets/expiring', 200, [])).toEqual([]);
    expect(get('/assets/expiring', 200, asset)).toEqual([
      'GET /assets/expiring (listExpiringAssets) answered 200: body must be array (type: "array")',
    ]);
  });

  it('leaves a path the document does not describe alone', () => {
    expect(get('/health', 503, 'down', 'text/plain')).toEqual([]);
    expect(validate({ method: 'DELETE', path: '/assets/a1', status: 404, contentType: null, body: {} })).toEqual([]);
  });

  it('puts no constraint on the body of a declared status without a schema', () => {
    expect(
      validate({ method: 'POST', path: '/assets/a1/retire', status: 200, contentType: 'application/json', body: 7 }),
    ).toEqual([]);
  });
});
