import { SignJWT } from 'jose';

/** A bearer token for any principal and role, signed with the services' development secret. */
export const tokenFor = (sub: string, role: string) =>
  new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('upgrade-control')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode('development-only-secret-change-me-in-production!'));
