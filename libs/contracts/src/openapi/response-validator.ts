import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** One HTTP answer as a test (or a client) saw it. `path` is the concrete request path, no query. */
export interface ResponseExchange {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

type Check = (exchange: ResponseExchange) => string[];

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaType>;
}
interface OperationObject {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}
interface Route {
  template: string;
  pattern: RegExp;
  parameters: number;
  operations: Map<string, { name: string; responses: Map<string, Map<string, ValidateFunction | null>> }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// ajv-formats is CommonJS; under ESM its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;
const DOCUMENT_ID = 'urn:upgrade-control:openapi-document';

/**
 * Checks real responses against an OpenAPI 3.1 document: the status must be declared for the
 * operation, the content type must be one it declares, and the body must match that media type's
 * schema (JSON Schema 2020-12, `$ref`s into the document's components). Every schema is compiled
 * once, here; the returned function only looks up and runs them. A path or method the document
 * does not describe is not its business (health, metrics, 404s for unknown routes): no messages.
 * A declared status or media type without a schema constrains nothing about the body.
 */
export function responseValidator(document: object): Check {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  // A copy, so refs like `#/components/schemas/X` resolve against it whatever the caller does later.
  const copy = structuredClone(document) as { paths?: Record<string, Record<string, OperationObject>> };
  ajv.addSchema({ ...copy, $id: DOCUMENT_ID }, DOCUMENT_ID, undefined, false);
  const routes = compileRoutes(ajv, copy.paths ?? {}, (ref) => resolve(copy, ref));
  return (exchange) => check(routes, exchange);
}

function compileRoutes(
  ajv: Ajv2020,
  paths: Record<string, Record<string, OperationObject>>,
  resolveRef: (ref: string) => { value: ResponseObject; pointer: string[] },
): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(paths)) {
    const route: Route = {
      template,
      pattern: patternOf(template),
      parameters: countParameters(template),
      operations: new Map(),
    };
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const responses = new Map<string, Map<string, ValidateFunction | null>>();
      for (const [status, declared] of Object.entries(operation.responses ?? {})) {
        const { value: response, pointer: at } = declared.$ref
          ? resolveRef(declared.$ref)
          : { value: declared, pointer: ['paths', template, method, 'responses', status] };
        const media = new Map<string, ValidateFunction | null>();
        for (const [type, content] of Object.entries(response.content ?? {})) {
          const pointer = [...at, 'content', type, 'schema'];
          media.set(type.toLowerCase(), content.schema === undefined ? null : ajv.compile({ $ref: refTo(pointer) }));
        }
        responses.set(status.toUpperCase(), media);
      }
      route.operations.set(method.toUpperCase(), { name: operation.operationId ?? `${method} ${template}`, responses });
    }
    routes.push(route);
  }
  // A literal segment beats a parameter (/assets/expiring before /assets/{assetId}), as in the router.
  return routes.sort((a, b) => a.parameters - b.parameters);
}

function check(routes: Route[], { method, path, status, contentType, body }: ResponseExchange): string[] {
  const route = routes.find((r) => r.pattern.test(path) && r.operations.has(method.toUpperCase()));
  const operation = route?.operations.get(method.toUpperCase());
  if (!route || !operation) return [];
  const where = `${method.toUpperCase()} ${path} (${operation.name}) answered ${status}`;
  const media = [String(status), `${String(status)[0]}XX`, 'DEFAULT']
    .map((key) => operation.responses.get(key))
    .find((found) => found !== undefined);
  if (!media) return [`${where}, a status the document does not declare for ${route.template}`];
  if (media.size === 0) return [];
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? null;
  if (type === null) return [];
  const validate = media.get(type) ?? wildcard(media, type);
  if (validate === undefined)
    return [`${where} with ${type}, which the document does not declare (it declares ${[...media.keys()].join(', ')})`];
  if (validate === null || validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${where}: body${e.instancePath} ${e.message ?? 'is invalid'}${detail(e.params)}`,
  );
}

function wildcard(media: Map<string, ValidateFunction | null>, type: string): ValidateFunction | null | undefined {
  return media.get(`${type.split('/')[0]}/*`) ?? media.get('*/*');
}

function detail(params: Record<string, unknown>): string {
  const shown = Object.entries(params).filter(([, v]) => v !== undefined);
  return shown.length ? ` (${shown.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')})` : '';
}

function patternOf(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

const countParameters = (template: string) => (template.match(/\{[^}]+\}/g) ?? []).length;

/** A local `$ref` (`#/components/responses/NotFound`): what it points at, and the pointer's parts. */
function resolve(document: object, ref: string): { value: ResponseObject; pointer: string[] } {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, not ${ref}`);
  const pointer = ref
    .slice(2)
    .split('/')
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  const value = pointer.reduce<unknown>(
    (node, part) => (node as Record<string, unknown> | undefined)?.[part],
    document,
  );
  if (value === undefined) throw new Error(`${ref} points at nothing in the document`);
  return { value: value as ResponseObject, pointer };
}

/** A JSON pointer into the document, escaped per RFC 6901 and then as a URI fragment. */
function refTo(parts: string[]): string {
  const pointer = parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
  return `${DOCUMENT_ID}#/${pointer}`;
}
