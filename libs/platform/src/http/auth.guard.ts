import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { jwtVerify } from 'jose';
import { ROLES, type Actor, type Role } from '@upgrade-control/contracts';
import type { Credentials } from '../config/credentials.js';
import type { ServiceConfig } from '../config/service-config.js';
import { SERVICE_CONFIG } from '../nest/tokens.js';
import { ProblemException, problem } from './problem.js';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.js';

/**
 * Bearer JWT (HS256, claims sub and role) or an API key (x-api-key) → an actor with one role.
 * 401 when the caller is unknown, 403 when its role may not call the route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly secret: Uint8Array;
  private readonly credentials: Credentials;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    if (!config.auth) throw new Error('an HTTP service needs credentials; load its configuration with serves: true');
    this.credentials = config.auth;
    this.secret = new TextEncoder().encode(config.auth.jwtSecret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.authenticate(request);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !allowed.includes(actor.role)) {
      throw new ProblemException(
        problem(403, 'forbidden', 'Forbidden', `role ${actor.role} may not do this; allowed: ${allowed.join(', ')}`),
      );
    }
    request.actor = actor;
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Actor> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      const actor = this.credentials.apiKeys.get(apiKey);
      if (!actor) throw unauthenticated('unknown API key');
      return actor;
    }
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
      try {
        const { payload } = await jwtVerify(authorization.slice(7), this.secret, {
          issuer: this.credentials.jwtIssuer,
          algorithms: ['HS256'],
        });
        const role = payload.role as Role;
        if (!payload.sub || !(ROLES as readonly string[]).includes(role) || role === 'system') {
          throw new Error('token lacks sub or a valid role');
        }
        return { id: payload.sub, role };
      } catch (error) {
        throw unauthenticated(`invalid bearer token: ${(error as Error).message}`);
      }
    }
    throw unauthenticated('send a bearer token (Authorization: Bearer …) or an API key (x-api-key)');
  }
}

const unauthenticated = (detail: string) =>
  new ProblemException(problem(401, 'unauthenticated', 'Authentication required', detail));
