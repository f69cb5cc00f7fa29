import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { jwtVerify, SignJWT } from 'jose';
import { ROLES, type Actor, type Role } from '@upgrade-control/contracts';
import type { ServiceConfig } from '../config/service-config.js';
import type { Clock } from '../domain/clock.js';
import { CLOCK, SERVICE_CONFIG } from '../nest/tokens.js';
import { InvalidToken } from './bearer-tokens.js';

export const STREAM_TOKEN_KEY = 'upgrade-control:stream-token';

/**
 * The route also takes a stream token as `?access_token=` (a browser's EventSource cannot send
 * headers). Only routes marked so accept one; everywhere else the query parameter is refused.
 */
export const AcceptsStreamToken = () => SetMetadata(STREAM_TOKEN_KEY, true);

/** Whether the route being called is marked `@AcceptsStreamToken()`: one answer for every guard. */
export const acceptsStreamToken = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.get<boolean | undefined>(STREAM_TOKEN_KEY, context.getHandler()) === true;

/** What the browser gets: the token and when it stops working. */
export interface IssuedStreamToken {
  token: string;
  expiresAt: string;
}

/** Its own type and audience: no bearer-token verifier accepts it, and it accepts no bearer token. */
const TYPE = 'uc-stream+jwt';
const AUDIENCE = 'upgrade-control:stream';

/**
 * Short-lived stream tokens, signed (EdDSA) with the service's signing key so that every replica
 * verifies what any replica issued. A token is bound to the principal and to the one role the
 * principal acted in when it asked; it lasts STREAM_TOKEN_TTL_SECONDS (300 by default).
 */
@Injectable()
export class StreamTokens {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly issuer: string;
  private readonly ttlSeconds: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    if (!config.signing) throw new Error('stream tokens need the service signing key; load it with serves: true');
    this.privateKey = config.signing.privateKey;
    this.publicKey = createPublicKey(config.signing.privateKey);
    this.issuer = `upgrade-control:${config.service}`;
    this.ttlSeconds = config.streamTokenTtlSeconds;
  }

  async issue(actor: Actor): Promise<IssuedStreamToken> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const expires = now + this.ttlSeconds;
    const token = await new SignJWT({ role: actor.role })
      .setProtectedHeader({ alg: 'EdDSA', typ: TYPE })
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setSubject(actor.id)
      .setIssuedAt(now)
      .setExpirationTime(expires)
      .sign(this.privateKey);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The actor the token was issued to, or InvalidToken (forged, altered, expired, or another kind of token). */
  async verify(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ['EdDSA'],
        typ: TYPE,
        issuer: this.issuer,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'sub'],
        currentDate: this.clock(),
      });
      const role = payload.role;
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role) || role === 'system')
        throw new InvalidToken('its role is none of ours');
      return { id: payload.sub!, role: role as Role };
    } catch (error) {
      throw error instanceof InvalidToken ? error : new InvalidToken((error as Error).message);
    }
  }
}
