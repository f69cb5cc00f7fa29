import type { OpenAPIObject } from '@nestjs/swagger';
import { OPERATIONS } from '@upgrade-control/contracts';
import { PROBLEM_RESPONSES, PROBLEM_SCHEMAS } from '../http/problem-schemas.js';
import { closeObjectSchemas } from './openapi-closed-schemas.js';
import { PATH_PARAMETER_DESCRIPTIONS, TAG_DESCRIPTIONS } from './openapi-glossary.js';

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  parameters?: Json[];
  requestBody?: unknown;
  responses: Record<string, Json>;
  security?: Json[];
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const problemJson = 'application/problem+json';

const HEADERS = {
  ETag: {
    description: 'The stream version of the aggregate, for If-Match on the next write',
    schema: { type: 'string', example: '"7"' },
  },
  Location: {
    description: 'The URL of the resource the request created',
    schema: { type: 'string', format: 'uri-reference' },
  },
  Link: {
    description: 'RFC 8288 link to the next page, `<url>; rel="next"`, when there is one',
    schema: { type: 'string' },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 0, example: 2 },
  },
  'Idempotent-Replayed': {
    description: 'true when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

const PARAMETERS = {
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'The stream version (ETag) the write is based on: 412 when the aggregate has moved on, 428 when required (REQUIRE_IF_MATCH=true) and absent',
    schema: { type: 'string', pattern: '^(W/)?"?[0-9]+"?$', example: '"7"' },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: for 24 h the same key with the same body replays the first answer (Idempotent-Replayed: true); another body gets 422, a retry while the first still runs 409',
    schema: { type: 'string', minLength: 1, maxLength: 255, example: '5f0c7f3e-2a3b-4c1d-9e8f-0a1b2c3d4e5f' },
  },
};

/**
 * What every operation of every service shares, declared once instead of on each controller: the
 * problem responses it can give (with schemas and examples), the conditional and idempotency
 * headers, security, and 2xx headers. Which applies follows from the operation itself: its
 * method, whether its path names a resource, whether it takes a body, whether it is public.
 * Object schemas come out closed (openapi-closed-schemas.ts, ADR 28).
 */
export function withConventions(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {}) as Json;
  components.schemas = { ...(components.schemas as Json), ...structuredClone(PROBLEM_SCHEMAS) };
  components.headers = { ...(components.headers as Json), ...HEADERS };
  components.parameters = { ...(components.parameters as Json), ...PARAMETERS };
  components.responses = {
    ...(components.responses as Json),
    ...Object.fromEntries(Object.entries(PROBLEM_RESPONSES).map(([name, r]) => [name, responseComponent(r)])),
  };
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths))
    for (const method of METHODS) {
      const operation = (item as Json)[method] as Operation | undefined;
      if (!operation) continue;
      decorate(operation, method, (path.match(/\{[^}]+\}/g) ?? []).length);
      for (const tag of (operation.tags as string[] | undefined) ?? []) tags.add(tag);
    }
  document.tags = [...tags].sort().map(describe);
  withoutUnused(components, document.paths);
  closeObjectSchemas(document);
  return document;
}

/** The shared headers, parameters and responses this document's operations refer to, and no others. */
function withoutUnused(components: Json, paths: unknown): void {
  const references = JSON.stringify([paths, components.responses]);
  for (const kind of ['headers', 'parameters', 'responses'])
    for (const name of Object.keys(components[kind] as Json))
      if (!references.includes(`"#/components/${kind}/${name}"`)) delete (components[kind] as Json)[name];
}

/** A served document never fails for want of words; documents.spec.ts insists on them for docs/. */
function describe(tag: string): { name: string; description?: string } {
  const description = TAG_DESCRIPTIONS[tag];
  return description ? { name: tag, description } : { name: tag };
}

function describeParameter(parameter: Json): void {
  const description = PATH_PARAMETER_DESCRIPTIONS[String(parameter.name)];
  if (parameter.in === 'path' && !parameter.description && description) parameter.description = description;
}

function decorate(operation: Operation, method: string, pathParameters: number): void {
  const write = WRITES.has(method);
  const isPublic = OPERATIONS[operation.operationId as keyof typeof OPERATIONS]?.access === 'public';
  const problems = [
    'BadRequest',
    ...(isPublic ? [] : ['Unauthorized', 'Forbidden']),
    // A body names resources too (the assets of a compatibility check, the targets of a plan).
    ...(pathParameters > 0 || operation.requestBody ? ['NotFound'] : []),
    ...(write ? ['Conflict'] : []),
    ...(write && pathParameters > 0 ? ['PreconditionFailed', 'PreconditionRequired'] : []),
    ...(operation.requestBody ? ['PayloadTooLarge'] : []),
    ...(write ? ['UnprocessableContent'] : []),
    ...(isPublic ? [] : ['TooManyRequests']),
    'ServiceUnavailable',
  ];
  for (const name of problems) operation.responses[String(PROBLEM_RESPONSES[name].status)] ??= problemRef(name);
  // An error a controller declares itself (say, an unusual 404) keeps its description and gets the schema.
  for (const [status, response] of Object.entries(operation.responses)) {
    const name = Object.keys(PROBLEM_RESPONSES).find((n) => String(PROBLEM_RESPONSES[n].status) === status);
    if (name && !('$ref' in response) && !response.content)
      operation.responses[status] = {
        ...problemRef(name),
        ...(response.description ? { description: response.description } : {}),
      };
  }
  const parameters = (operation.parameters ??= []);
  parameters.forEach(describeParameter);
  const has = (name: string) => parameters.some((p) => String(p.name).toLowerCase() === name.toLowerCase());
  if (write && pathParameters > 0 && !has('If-Match')) parameters.push({ $ref: '#/components/parameters/IfMatch' });
  if (method === 'post' && !has('Idempotency-Key')) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!status.startsWith('2') || '$ref' in response) continue;
    if (!response.description)
      response.description = status === '201' ? 'Created' : status === '204' ? 'No content' : 'OK';
    const headers = (response.headers ?? {}) as Json;
    if (status === '201') headers.Location = { $ref: '#/components/headers/Location' };
    // A read that can answer 304 (ETagged) gives its version as ETag.
    if (method === 'get' && '304' in operation.responses) headers.ETag = { $ref: '#/components/headers/ETag' };
    if (has('cursor')) headers.Link = { $ref: '#/components/headers/Link' };
    if (method === 'post') headers['Idempotent-Replayed'] = { $ref: '#/components/headers/Idempotent-Replayed' };
    if (Object.keys(headers).length) response.headers = headers;
  }
  // Public operations take no credentials; the rest take either scheme.
  operation.security = isPublic ? [] : [{ bearer: [] }, { 'api-key': [] }];
}

const problemRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

function responseComponent({ description, schema, examples, headers }: (typeof PROBLEM_RESPONSES)[string]): Json {
  return {
    description,
    ...(headers ? { headers: Object.fromEntries(headers.map((h) => [h, { $ref: `#/components/headers/${h}` }])) } : {}),
    content: {
      [problemJson]: {
        schema,
        examples: Object.fromEntries(
          Object.entries(examples).map(([slug, value]) => [slug, { summary: value.title, value }]),
        ),
      },
    },
  };
}
