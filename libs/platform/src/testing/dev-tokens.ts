import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '../config/credentials.js';

export interface DevTokenOptions {
  expiresIn?: string | number;
  audience?: string;
  issuer?: string;
  secret?: string;
}

/**
 * An HS256 token signed with the development secret, as a development identity provider would
 * issue it (sub, role, iss, aud, exp). Tests vary one option to see the refusal.
 */
export const devToken = (sub: string, role: string, options: DevTokenOptions = {}) =>
  new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? 'upgrade-control')
    .setAudience(options.audience ?? 'upgrade-control')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? DEV_JWT_SECRET));
