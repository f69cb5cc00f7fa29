import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@upgrade-control/contracts';
import { findApiKey } from '../config/api-keys.js';
import type { Credentials } from '../config/credentials.js';
import type { ServiceConfig } from '../config/service-config.js';
import { SERVICE_CONFIG } from '../nest/tokens.js';
import { ProblemException, problem } from './problem.js';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.js';
import { BearerTokens, InvalidToken } from './bearer-tokens.js';

/** Who the caller is and which of our roles it holds (a key or token may hold several). */
interface Identity {
  id: string;
  roles: Role[];
  claimed: string[];
}

/**
 * A bearer JWT (OIDC via JWKS, or opted-in HS256) or an API key (x-api-key) → an actor acting in
 * one of its roles: the first the route allows. 401 when the caller is unknown, 403 when none of
 * its roles may call the route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly credentials: Credentials;
  private readonly tokens: BearerTokens;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    if (!config.auth) throw new Error('an HTTP service needs credentials; load its configuration with serves: true');
    this.credentials = config.auth;
    this.tokens = new BearerTokens(config.auth.tokens);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const identity = await this.authenticate(request);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const role = identity.roles.find((r) => !allowed || allowed.includes(r));
    if (!role) {
      const detail = identity.roles.length
        ? `role ${identity.roles.join(', ')} may not do this; allowed: ${(allowed ?? []).join(', ')}`
        : `the token's role claim (${identity.claimed.join(', ') || 'none'}) maps to none of our roles`;
      throw new ProblemException(problem(403, 'forbidden', 'Forbidden', detail));
    }
    request.actor = { id: identity.id, role } satisfies Actor;
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Identity> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      const key = findApiKey(this.credentials.apiKeys, apiKey);
      if (!key) throw unauthenticated('unknown API key');
      return { id: key.name, roles: key.roles, claimed: key.roles };
    }
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
      try {
        return await this.tokens.verify(authorization.slice(7));
      } catch (error) {
        if (error instanceof InvalidToken) throw unauthenticated(`invalid bearer token: ${error.message}`);
        throw error;
      }
    }
    throw unauthenticated('send a bearer token (Authorization: Bearer …) or an API key (x-api-key)');
  }
}

const unauthenticated = (detail: string) =>
  new ProblemException(problem(401, 'unauthenticated', 'Authentication required', detail));
