/**
 * The typed client for the whole system: one openapi-fetch client per service, and calls routed
 * to the service that serves the path (its `servers` in the merged document, see
 * generated/routes.ts), so callers name paths, never services.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/api-types.js';
import { ROUTES, SERVICE_NAMES, type ServiceName } from './generated/routes.js';
import { nameResponse } from './problem.js';

/** One exchange as libs/contracts' responseValidator checks it; returns its mismatches. */
export type ResponseCheck = (exchange: {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}) => string[];

/** Each service's base URL. */
export type ServiceUrls = Record<ServiceName, string>;

export interface UpgradeControlClientOptions {
  urls: ServiceUrls;
  /** Sent as `x-api-key`. */
  apiKey?: string;
  /** A JWT, sent as `Authorization: Bearer …`. */
  bearer?: string;
  /** Defaults to the global fetch, looked up on every call (see replayableFetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** When given, every answer is checked against the contract; a mismatch throws ResponseContractError. */
  validate?: ResponseCheck;
}

/** A response that does not match the document: names the operation and every mismatch. */
export class ResponseContractError extends Error {
  override readonly name = 'ResponseContractError';

  constructor(
    readonly operation: string,
    readonly messages: string[],
  ) {
    super(`${operation} answered outside its contract:\n  ${messages.join('\n  ')}`);
  }
}

type Path = keyof typeof ROUTES;
type RoutedMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

export type UpgradeControlClient = Pick<Client<paths>, RoutedMethod> & {
  /** The service that serves a path template (e.g. `/upgrades/{upgradeId}` → planning). */
  serviceOf(path: string): ServiceName;
};

/** `getUpgradePlan (GET /upgrades/{upgradeId})`: the operationId from the document, and the call. */
export function operationName(method: string, path: string): string {
  const route = (ROUTES as Record<string, { operations: Record<string, string | undefined> }>)[path];
  const operationId = route?.operations[method.toUpperCase()];
  return `${operationId ?? 'undocumented operation'} (${method.toUpperCase()} ${path})`;
}

export function serviceOf(path: string): ServiceName {
  const route = (ROUTES as Record<string, { service: ServiceName } | undefined>)[path];
  if (!route) throw new Error(`no service serves ${path}: it is not a path of docs/openapi.json`);
  return route.service;
}

/**
 * The global fetch at call time, with the body read into memory first: a fetch installed later
 * (a test's fault-tolerant wrapper) is honoured, and it can send the request again.
 */
async function replayableFetch(request: Request): Promise<Response> {
  const body = request.body === null ? undefined : await request.arrayBuffer();
  return globalThis.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
  });
}

async function readBody(response: Response, contentType: string | null): Promise<unknown> {
  const text = await response.clone().text();
  if (text === '') return undefined;
  if (!contentType?.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text; // the validator reports it: the document promised JSON
  }
}

function validation(validate: ResponseCheck, basePath: string): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      const contentType = response.headers.get('content-type');
      // An event stream never ends: its messages are not a body to validate.
      if (contentType?.startsWith('text/event-stream')) return undefined;
      const path = new URL(request.url).pathname.slice(basePath.length) || '/';
      const messages = validate({
        method: request.method,
        path,
        status: response.status,
        contentType,
        body: await readBody(response, contentType),
      });
      if (messages.length > 0) throw new ResponseContractError(operationName(request.method, schemaPath), messages);
      return undefined;
    },
  };
}

function credentialHeaders({ apiKey, bearer }: UpgradeControlClientOptions): Record<string, string> {
  if (apiKey !== undefined && bearer !== undefined) throw new Error('give either apiKey or bearer, not both');
  if (apiKey !== undefined) return { 'x-api-key': apiKey };
  if (bearer !== undefined) return { authorization: `Bearer ${bearer}` };
  return {};
}

export function createUpgradeControlClient(options: UpgradeControlClientOptions): UpgradeControlClient {
  const headers = credentialHeaders(options);
  const clients = {} as Record<ServiceName, Client<paths>>;
  for (const service of SERVICE_NAMES) {
    const baseUrl = options.urls[service];
    if (!baseUrl) throw new Error(`no URL for ${service}`);
    const client = createClient<paths>({ baseUrl, headers, fetch: options.fetch ?? replayableFetch });
    client.use({
      onResponse({ request, response, schemaPath }) {
        nameResponse(response, operationName(request.method, schemaPath));
        return undefined;
      },
    });
    if (options.validate) client.use(validation(options.validate, new URL(baseUrl).pathname.replace(/\/$/, '')));
    clients[service] = client;
  }
  const routed = <M extends RoutedMethod>(method: M) =>
    ((path: Path, ...init: unknown[]) =>
      (clients[serviceOf(path)][method] as (path: Path, ...init: unknown[]) => unknown)(
        path,
        ...init,
      )) as Client<paths>[M];
  return {
    GET: routed('GET'),
    PUT: routed('PUT'),
    POST: routed('POST'),
    DELETE: routed('DELETE'),
    PATCH: routed('PATCH'),
    serviceOf,
  };
}
