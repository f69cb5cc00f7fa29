import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isOperationName, OPERATIONS, type Actor } from '@upgrade-control/contracts';
import { ProblemException, problem } from './problem.js';
import { OPERATION_KEY, PUBLIC_KEY, type AuthenticatedRequest } from './auth.js';
import { Authenticator } from './authenticator.js';
import { acceptsStreamToken } from './stream-tokens.js';

/** The refusal names the operation, so a client (and the authorization specs) can tell it from a domain 403. */
const forbidden = (detail: string, operation: string | null) =>
  new ProblemException(problem(403, 'forbidden', 'Forbidden', detail, { operation }));

/**
 * The authorization table applied to a route: 401 when the caller is unknown, 403 when none of
 * its roles may call the route's operation, else the caller acts in the first of its roles the
 * operation allows (recorded on every event the request causes).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const streamToken = acceptsStreamToken(this.reflector, context);
    const identity = await this.authenticator.identify(request, { streamToken });
    const name = this.reflector.get<string | undefined>(OPERATION_KEY, context.getHandler());
    // Secure by default: a route the table does not name is nobody's (the authorization specs find it first).
    if (!name || !isOperationName(name)) throw forbidden('this route is no operation of the authorization table', null);
    const access = OPERATIONS[name].access;
    const allowed: readonly string[] = access === 'public' ? identity.roles : access;
    const role = identity.roles.find((r) => allowed.includes(r));
    if (!role) {
      const detail = identity.roles.length
        ? `role ${identity.roles.join(', ')} may not do this; allowed: ${allowed.join(', ')}`
        : `the token's role claim (${identity.claimed.join(', ') || 'none'}) maps to none of our roles`;
      throw forbidden(detail, name);
    }
    request.actor = { id: identity.id, role } satisfies Actor;
    return true;
  }
}
