import { generateKeyPairSync } from 'node:crypto';

/**
 * A freshly generated Ed25519 signing key as a service outside development must be given
 * (SIGNING_KEY as a JWK, SIGNING_KEY_ID), for tests that run a service with NODE_ENV=production.
 */
export function productionSigningKey(kid = 'test-production'): { SIGNING_KEY: string; SIGNING_KEY_ID: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { SIGNING_KEY: JSON.stringify(privateKey.export({ format: 'jwk' })), SIGNING_KEY_ID: kid };
}
