import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { devToken } from '@upgrade-control/platform/testing/http';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { startService, type RunningService } from '../support/service-app.js';
import { productionSigningKey } from '../support/signing.js';

// A production service signing in through an OIDC provider: the test runs the provider's JWKS
// endpoint and signs the tokens the provider would issue.
const ISSUER = 'https://idp.test';
const AUDIENCE = 'upgrade-control-api';

interface SigningKey {
  alg: 'ES256' | 'RS256';
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A JWKS endpoint on a free local port publishing the given keys. */
async function jwksServer(keys: SigningKey[]): Promise<{ url: string; server: Server }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, server };
}

interface Claims {
  sub?: string;
  groups?: string[];
  iss?: string;
  aud?: string;
  /** Seconds from now; null for a token without exp. */
  expiresIn?: number | null;
}

const now = () => Math.floor(Date.now() / 1000);
const sign = (key: SigningKey, claims: Claims = {}) => {
  const jwt = new SignJWT({ groups: claims.groups ?? ['uc-planners'] })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject(claims.sub ?? 'pat@example.com')
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? AUDIENCE)
    .setIssuedAt();
  const expiresIn = claims.expiresIn === undefined ? 300 : claims.expiresIn;
  return (expiresIn === null ? jwt : jwt.setExpirationTime(now() + expiresIn)).sign(key.privateKey);
};

describe('identity through OIDC (JWKS), outside development', () => {
  let es256: SigningKey, rs256: SigningKey, unpublished: SigningKey;
  let idp: { url: string; server: Server };
  let service: RunningService;

  beforeAll(async () => {
    [es256, rs256, unpublished] = await Promise.all([
      signingKey('ES256', 'es-1'),
      signingKey('RS256', 'rs-1'),
      signingKey('ES256', 'es-unpublished'),
    ]);
    idp = await jwksServer([es256, rs256]);
    service = await startService('inventory', (env) => InventoryModule.register(env), {
      NODE_ENV: 'production',
      KAFKA_ALLOW_PLAINTEXT: 'true',
      ...productionSigningKey(),
      JWT_JWKS_URL: idp.url,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_ROLE_CLAIM: 'groups',
      JWT_ROLE_MAP: 'uc-planners=planner,uc-auditors=auditor',
    });
  });
  afterAll(async () => {
    await service.close();
    idp.server.close();
  });

  const call = async (token: string | Promise<string>, status: number) =>
    (
      await service.anonymous
        .get('/assets')
        .set('authorization', `Bearer ${await token}`)
        .expect(status)
    ).body;

  it('records the subject and the mapped role of an ES256 token as the actor', async () => {
    await service.anonymous
      .post('/assets')
      .set('authorization', `Bearer ${await sign(es256)}`)
      .send(databaseAsset('oidc-db'))
      .expect(201);
    const [registered] = await service.store.readStream('asset-oidc-db');
    expect(registered!.actor).toEqual({ id: 'pat@example.com', role: 'planner' });
  });

  it('accepts an RS256 token from the same provider', async () => {
    await call(sign(rs256), 200);
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    await call(sign(es256, { expiresIn: -10 }), 200);
  });

  it('refuses an expired token', async () => {
    expect((await call(sign(es256, { expiresIn: -120 }), 401)).detail).toMatch(/invalid bearer token: .*"exp"/);
  });

  it('refuses a token for another audience', async () => {
    expect((await call(sign(es256, { aud: 'another-api' }), 401)).detail).toMatch(/invalid bearer token: .*"aud"/);
  });

  it('refuses a token from another issuer', async () => {
    expect((await call(sign(es256, { iss: 'https://evil.test' }), 401)).detail).toMatch(
      /invalid bearer token: .*"iss"/,
    );
  });

  it('refuses a token without exp', async () => {
    expect((await call(sign(es256, { expiresIn: null }), 401)).detail).toMatch(/missing required "exp" claim/);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    expect((await call(sign(unpublished), 401)).detail).toContain('invalid bearer token');
  });

  it('refuses an HS256 token, which was not opted in', async () => {
    expect((await call(devToken('mallory', 'approver', { issuer: ISSUER, audience: AUDIENCE }), 401)).detail).toBe(
      'invalid bearer token: HS256 tokens are not accepted here',
    );
  });

  it('answers 403 for a token whose role claim maps to none of our roles, naming what it claimed', async () => {
    expect((await call(sign(es256, { groups: ['uc-admins'] }), 403)).detail).toBe(
      "the token's role claim (uc-admins) maps to none of our roles",
    );
  });

  it('answers 403 for a mapped role the route does not allow', async () => {
    const body = (
      await service.anonymous
        .post('/assets')
        .set('authorization', `Bearer ${await sign(es256, { groups: ['uc-auditors'] })}`)
        .send(databaseAsset('oidc-db-2'))
        .expect(403)
    ).body;
    expect(body.detail).toMatch(/^role auditor may not do this; allowed: /);
  });
});
