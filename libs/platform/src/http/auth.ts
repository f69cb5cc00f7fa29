import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@upgrade-control/contracts';

export const ROLES_KEY = 'upgrade-control:roles';
export const PUBLIC_KEY = 'upgrade-control:public';

/** Only these roles may call the route (any authenticated role when absent). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No authentication (health, metrics, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  actor?: Actor;
  correlationId?: string;
  headers: Record<string, string | string[] | undefined>;
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
