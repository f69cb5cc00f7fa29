import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { signDetached, verifyDetached } from './detached-jws.js';

const pair = () => generateKeyPairSync('ed25519');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('a detached JWS (RFC 7515 appendix F, EdDSA)', () => {
  const key = pair();
  const signer = { kid: 'mon-1', privateKey: key.privateKey };
  const trusted = new Map<string, KeyObject>([['mon-1', key.publicKey]]);

  it('is header..signature, names its kid, and verifies over exactly the signed bytes', async () => {
    const jws = await signDetached(bytes('{"a":1}'), signer);
    expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: 'mon-1' });
    expect(await verifyDetached(jws, bytes('{"a":1}'), trusted)).toEqual({ ok: true, kid: 'mon-1' });
    expect(await verifyDetached(jws, bytes('{"a":2}'), trusted)).toEqual({
      ok: false,
      problem: 'bad-signature',
      detail: 'the signature does not verify with key "mon-1"',
    });
  });

  it('is refused when signed by another key under a trusted kid, or with a kid nobody trusts', async () => {
    const forged = await signDetached(bytes('x'), { kid: 'mon-1', privateKey: pair().privateKey });
    expect(await verifyDetached(forged, bytes('x'), trusted)).toMatchObject({ ok: false, problem: 'bad-signature' });
    const stranger = await signDetached(bytes('x'), { kid: 'mallory', privateKey: pair().privateKey });
    expect(await verifyDetached(stranger, bytes('x'), trusted)).toEqual({
      ok: false,
      problem: 'unknown-kid',
      detail: 'no trusted public key has kid "mallory"',
    });
  });

  it('is refused when not detached, unreadable, or of another algorithm', async () => {
    const attached = await new CompactSign(bytes('x'))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'mon-1' })
      .sign(key.privateKey);
    expect(await verifyDetached(attached, bytes('x'), trusted)).toMatchObject({ problem: 'malformed-signature' });
    expect(await verifyDetached('!!..!!', bytes('x'), trusted)).toMatchObject({ problem: 'malformed-signature' });
    const hs = await new CompactSign(bytes('x'))
      .setProtectedHeader({ alg: 'HS256', kid: 'mon-1' })
      .sign(new Uint8Array(32).fill(7));
    const [header, , signature] = hs.split('.');
    expect(await verifyDetached(`${header}..${signature}`, bytes('x'), trusted)).toEqual({
      ok: false,
      problem: 'bad-signature',
      detail: 'alg HS256 is not EdDSA',
    });
  });
});
