import { RequestMethod, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { isOperationName, mayCall, OPERATIONS, ROLES, type Role, type ServiceName } from '@upgrade-control/contracts';
import supertest from 'supertest';
import { OPERATION_KEY } from '../http/auth.js';
import { devToken } from './dev-tokens.js';
import { InMemoryPlatformModule } from './in-memory-platform.js';

// Nest's route metadata keys (PATH_METADATA and METHOD_METADATA of @nestjs/common/constants).
const PATH = 'path';
const METHOD = 'method';

/** A route as its controller declares it, with the operation its @Operation names (if any). */
export interface DeclaredRoute {
  handler: string;
  method: string;
  path: string;
  operation: string | undefined;
}

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of these controllers, from the metadata Nest routes by. */
export function declaredRoutes(controllers: Type<unknown>[]): DeclaredRoute[] {
  return controllers.flatMap((controller) => {
    const prefix = (Reflect.getMetadata(PATH, controller) as string | undefined) ?? '';
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.hasMetadata(METHOD, prototype[name] as object))
      .map((name) => {
        const handler = prototype[name] as object;
        return {
          handler: `${controller.name}.${name}`,
          method: RequestMethod[Reflect.getMetadata(METHOD, handler) as number]!,
          path: joinPath(prefix, (Reflect.getMetadata(PATH, handler) as string | undefined) ?? ''),
          operation: Reflect.getMetadata(OPERATION_KEY, handler) as string | undefined,
        };
      });
  });
}

/**
 * How a role authenticates: its development key (`dev-<role>`, credentials.ts); `system` with a
 * token claiming it (no credential can hold it).
 */
const credentialsOf = async (role: Role): Promise<[string, string]> =>
  role === 'system'
    ? ['authorization', `Bearer ${await devToken('forged-system', 'system')}`]
    : ['x-api-key', `dev-${role}`];

type Verdict = 'allowed' | 'forbidden' | 'unauthenticated';

/**
 * The authorization table, tried against a service's real controllers and its real guard: each
 * route names an operation of the table for this service (with the same method and path), each
 * operation of the service is a route, and every operation × every role is allowed or refused
 * with 403 exactly as the table says. "Allowed": the guard let the request through, whatever
 * the handler then answered (400 for an empty body, 404, or 500 from a stubbed port).
 *
 * `probes` replaces the request path of an operation whose allowed call must not open anything
 * (e.g. a live stream: a bad filter makes it answer 400 right after the guard).
 */
export function describeAuthorization(
  service: ServiceName,
  controllers: Type<unknown>[],
  probes: Partial<Record<string, string>> = {},
): void {
  const routes = declaredRoutes(controllers);
  const operations = Object.entries(OPERATIONS).filter(([, rule]) => rule.service === service);

  describe(`the ${service} routes and the authorization table`, () => {
    it('every route is an operation of the table, for this service, with its method and path', () => {
      const mismatched = routes.filter(({ operation, method, path }) => {
        if (!operation || !isOperationName(operation)) return true;
        const rule = OPERATIONS[operation];
        return rule.service !== service || rule.method !== method || rule.path !== path;
      });
      expect(mismatched).toEqual([]);
    });

    it('every operation of the table for this service is one of its routes', () => {
      const named = new Set(routes.map((r) => r.operation));
      expect(operations.map(([name]) => name).filter((name) => !named.has(name))).toEqual([]);
    });
  });

  describe(`every ${service} operation in every role`, () => {
    let app: Awaited<ReturnType<typeof startApp>>;
    beforeAll(async () => {
      app = await startApp(service, controllers);
    });
    afterAll(() => app.close());

    it.each(operations)('%s', async (name, rule) => {
      const path = probes[name] ?? rule.path.replace(/:\w+/g, 'authz-probe');
      const verdicts: Record<string, Verdict> = {};
      for (const role of ROLES) {
        const [header, value] = await credentialsOf(role);
        const method = rule.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const call = supertest(app.getHttpServer())[method](path).set(header, value);
        const response = rule.method === 'GET' ? await call : await call.send({});
        verdicts[role] = verdictOf(response.status, response.body as { operation?: string }, name);
      }
      const expected = Object.fromEntries(
        ROLES.map((role) => [role, mayCall(name as never, role) ? 'allowed' : 'forbidden']),
      );
      expect(verdicts).toEqual(expected);
    });
  });
}

function verdictOf(status: number, body: { operation?: string | null }, operation: string): Verdict {
  if (status === 401) return 'unauthenticated';
  if (status !== 403) return 'allowed';
  // The guard's refusal names the operation (null: the route has none); a domain 403 comes from a handler it admitted.
  if (!('operation' in body)) return 'allowed';
  if (body.operation !== operation) throw new Error(`refused as ${String(body.operation)}, not ${operation}`);
  return 'forbidden';
}

/** The controllers on the in-memory platform; every port they need beyond it is an empty stub. */
async function startApp(service: ServiceName, controllers: Type<unknown>[]) {
  const module = await Test.createTestingModule({
    imports: [InMemoryPlatformModule.forService({ service })],
    controllers,
  })
    .useMocker(() => ({}))
    .compile();
  const app = module.createNestApplication({ logger: false });
  await app.init();
  return app;
}
