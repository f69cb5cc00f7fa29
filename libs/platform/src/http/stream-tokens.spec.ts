import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { loadServiceConfig } from '../config/service-config.js';
import { devToken } from '../testing/dev-tokens.js';
import { InvalidToken } from './bearer-tokens.js';
import { StreamTokens } from './stream-tokens.js';

const config = loadServiceConfig('monitoring', { NODE_ENV: 'test', STREAM_TOKEN_TTL_SECONDS: '120' });
const olga = { id: 'olga', role: 'observer' } as const;

describe('stream tokens', () => {
  let now = new Date('2027-01-17T10:00:00Z');
  const tokens = new StreamTokens(config, () => now);
  beforeEach(() => {
    now = new Date('2027-01-17T10:00:00Z');
  });

  it('name the principal and the role it asked in, until STREAM_TOKEN_TTL_SECONDS later', async () => {
    const issued = await tokens.issue(olga);
    expect(issued.expiresAt).toBe('2027-01-17T10:02:00.000Z');
    now = new Date('2027-01-17T10:01:59Z');
    await expect(tokens.verify(issued.token)).resolves.toEqual(olga);
  });

  it('are refused once expired', async () => {
    const { token } = await tokens.issue(olga);
    now = new Date('2027-01-17T10:02:01Z');
    await expect(tokens.verify(token)).rejects.toThrow(new InvalidToken('"exp" claim timestamp check failed'));
  });

  it('are refused when signed with another key (forged)', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'uc-stream+jwt' })
      .setIssuer('upgrade-control:monitoring')
      .setAudience('upgrade-control:stream')
      .setSubject('mallory')
      .setIssuedAt(now)
      .setExpirationTime(new Date(now.getTime() + 60_000))
      .sign(privateKey);
    await expect(tokens.verify(forged)).rejects.toThrow(new InvalidToken('signature verification failed'));
  });

  it('are refused when their role was altered after signing', async () => {
    const [header, payload, signature] = (await tokens.issue(olga)).token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, role: 'auditor' })).toString('base64url');
    await expect(tokens.verify(`${header}.${altered}.${signature}`)).rejects.toThrow(InvalidToken);
  });

  it('are not bearer tokens: a login JWT is refused as a stream token', async () => {
    await expect(tokens.verify(await devToken('olga', 'observer'))).rejects.toThrow(InvalidToken);
  });

  it("are refused by another service's verifier (the issuer is the service)", async () => {
    const planning = new StreamTokens(loadServiceConfig('planning', { NODE_ENV: 'test' }), () => now);
    const { token } = await tokens.issue(olga);
    await expect(planning.verify(token)).rejects.toThrow(new InvalidToken('unexpected "iss" claim value'));
  });
});
