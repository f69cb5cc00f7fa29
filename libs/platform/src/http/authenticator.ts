import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@upgrade-control/contracts';
import { findApiKey } from '../config/api-keys.js';
import type { Credentials } from '../config/credentials.js';
import type { ServiceConfig } from '../config/service-config.js';
import { SERVICE_CONFIG } from '../nest/tokens.js';
import type { AuthenticatedRequest } from './auth.js';
import { BearerTokens, InvalidToken } from './bearer-tokens.js';
import { ProblemException, problem } from './problem.js';
import { StreamTokens } from './stream-tokens.js';

/** Who the caller is and which of our roles it holds (a key or token may hold several). */
export interface Identity {
  id: string;
  roles: Role[];
  claimed: string[];
}

/**
 * A bearer JWT (OIDC via JWKS, or opted-in HS256) or an API key (x-api-key) → the caller's
 * identity, or 401. Once per request: the rate limit (keyed by the principal) and the
 * authorization guard both ask, and share the answer.
 */
@Injectable()
export class Authenticator {
  private readonly credentials: Credentials;
  private readonly tokens: BearerTokens;
  private readonly identified = new WeakMap<object, Promise<Identity>>();

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly streamTokens: StreamTokens,
  ) {
    if (!config.auth) throw new Error('an HTTP service needs credentials; load its configuration with serves: true');
    this.credentials = config.auth;
    this.tokens = new BearerTokens(config.auth.tokens);
  }

  /** `streamToken`: the route accepts a stream token in `?access_token=` (see AcceptsStreamToken). */
  identify(request: AuthenticatedRequest, { streamToken = false }: { streamToken?: boolean } = {}): Promise<Identity> {
    let identity = this.identified.get(request);
    if (!identity) {
      identity = this.authenticate(request, streamToken);
      this.identified.set(request, identity);
    }
    return identity;
  }

  private async authenticate(request: AuthenticatedRequest, streamToken: boolean): Promise<Identity> {
    const accessToken = request.query?.access_token;
    if (accessToken !== undefined) {
      // A URL ends up in logs and histories: the short-lived stream token is the one credential it may carry.
      if (!streamToken) throw unauthenticated('access_token is accepted on GET /streams/events only; send a header');
      if (typeof accessToken !== 'string') throw unauthenticated('access_token: give it once');
      try {
        const actor = await this.streamTokens.verify(accessToken);
        return { id: actor.id, roles: [actor.role], claimed: [actor.role] };
      } catch (error) {
        if (error instanceof InvalidToken) throw unauthenticated(`invalid stream token: ${error.message}`);
        throw error;
      }
    }
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
