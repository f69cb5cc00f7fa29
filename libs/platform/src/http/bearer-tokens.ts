import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLES, type Role } from '@upgrade-control/contracts';
import type { TokenSettings } from '../config/credentials.js';

/** Who a token says the caller is: the subject and the roles its claim maps to (maybe none). */
export interface TokenIdentity {
  id: string;
  roles: Role[];
  /** The role claim's values, for a refusal that says why none counted. */
  claimed: string[];
}

export class InvalidToken extends Error {}

/**
 * Verifies bearer tokens: RS256/ES256 against the OIDC provider's JWKS (fetched and cached by
 * jose), HS256 only where the secret was opted in. Every token needs exp, iss, aud and sub; the
 * issuer and audience must be ours, with a small clock tolerance.
 */
export class BearerTokens {
  private readonly jwks: JWTVerifyGetKey | null;
  private readonly secret: Uint8Array | null;

  constructor(private readonly settings: TokenSettings) {
    this.jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5000 }) : null;
    this.secret = settings.hs256Secret ? new TextEncoder().encode(settings.hs256Secret) : null;
  }

  async verify(token: string): Promise<TokenIdentity> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidToken('not a JWT');
    }
    const options = {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      clockTolerance: this.settings.clockToleranceSeconds,
      requiredClaims: ['exp', 'iss', 'aud', 'sub'],
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256') {
        if (!this.secret) throw new InvalidToken('HS256 tokens are not accepted here');
        ({ payload } = await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] }));
      } else {
        if (!this.jwks)
          throw new InvalidToken(`${alg ?? 'unsigned'} tokens are not accepted here (no JWKS configured)`);
        ({ payload } = await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256'] }));
      }
    } catch (error) {
      throw error instanceof InvalidToken ? error : new InvalidToken((error as Error).message);
    }
    const raw = payload[this.settings.roleClaim];
    const claimed = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    return {
      id: payload.sub!,
      roles: [...new Set(claimed.map((c) => this.roleOf(c)).filter((r) => r !== null))],
      claimed,
    };
  }

  private roleOf(claimed: string): Role | null {
    const mapped = this.settings.roleMap.get(claimed);
    if (mapped) return mapped;
    return (ROLES as readonly string[]).includes(claimed) && claimed !== 'system' ? (claimed as Role) : null;
  }
}
