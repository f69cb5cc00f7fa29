import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiOperation, type ApiOperationOptions } from '@nestjs/swagger';
import { OPERATIONS, type Actor, type OperationName } from '@upgrade-control/contracts';

export const OPERATION_KEY = 'upgrade-control:operation';
export const PUBLIC_KEY = 'upgrade-control:public';

/** No authentication (health, metrics, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The route is this operation of the authorization table (libs/contracts/src/authorization): the
 * guard admits the roles the table names for it (a public one: anyone), and the OpenAPI document
 * names it as its operationId. A route without an operation is refused to every caller.
 */
export const Operation = (name: OperationName, docs: Omit<ApiOperationOptions, 'operationId'> = {}) =>
  applyDecorators(
    SetMetadata(OPERATION_KEY, name),
    ...(OPERATIONS[name].access === 'public' ? [Public()] : []),
    ApiOperation({ ...docs, operationId: name }),
  );

export interface AuthenticatedRequest {
  actor?: Actor;
  correlationId?: string;
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}

/** The authenticated caller, recorded as the actor of every event the request causes. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

/** The request's W3C traceparent, carried onto the events it causes. */
export const TraceParent = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null =>
  traceParentOf(ctx.switchToHttp().getRequest()),
);

/** A well-formed W3C traceparent header, else null. */
export function traceParentOf(request: AuthenticatedRequest): string | null {
  const value = request.headers.traceparent;
  return typeof value === 'string' && /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(value) ? value : null;
}
