import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller as CallerShape } from '../event-store/caller.js';
import { traceParentOf, type AuthenticatedRequest } from './auth.js';
import { ifMatchVersion } from './expected-version.js';

/** Who is asking: the authenticated actor, the request's traceparent and its If-Match version. */
export type Caller = CallerShape;

/**
 * `@Caller() caller: Caller` in a controller: everything a command needs to know about whoever
 * sent the request, read once at the edge. If-Match (a stream version) makes a write a 412 when
 * anyone wrote since; without it the server retries a concurrent write, unless REQUIRE_IF_MATCH
 * makes that a 428 for a stream that exists.
 */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('Caller used on a public route');
  const expectedVersion = ifMatchVersion(request.headers['if-match']);
  return {
    actor: request.actor,
    traceparent: traceParentOf(request),
    fromHttp: true,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  };
});
