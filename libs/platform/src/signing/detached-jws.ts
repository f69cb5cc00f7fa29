import type { KeyObject } from 'node:crypto';
import { base64url, CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { SigningKey } from './signing-keys.js';

/**
 * A detached compact JWS (RFC 7515 appendix F): `<protected header>..<signature>`, EdDSA
 * (Ed25519). The payload travels separately (a checkpoint's heads, a response body), so it is
 * neither duplicated nor re-encoded; whoever verifies puts its base64url back in the middle.
 */
export async function signDetached(payload: Uint8Array, key: SigningKey): Promise<string> {
  const jws = await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}

export type SignatureCheck =
  | { ok: true; kid: string }
  | { ok: false; problem: 'malformed-signature' | 'unknown-kid' | 'bad-signature'; detail: string };

/** Checks a detached JWS over `payload` against the keys trusted for its signer, found by kid. */
export async function verifyDetached(
  detached: string,
  payload: Uint8Array,
  keys: ReadonlyMap<string, KeyObject>,
): Promise<SignatureCheck> {
  const [header, middle, signature, ...rest] = detached.split('.');
  if (!header || middle !== '' || !signature || rest.length > 0)
    return { ok: false, problem: 'malformed-signature', detail: 'not a detached compact JWS (header..signature)' };
  let kid: unknown;
  let alg: unknown;
  try {
    ({ kid, alg } = decodeProtectedHeader(detached));
  } catch (error) {
    return { ok: false, problem: 'malformed-signature', detail: `unreadable header: ${(error as Error).message}` };
  }
  if (alg !== 'EdDSA') return { ok: false, problem: 'bad-signature', detail: `alg ${String(alg)} is not EdDSA` };
  const key = typeof kid === 'string' ? keys.get(kid) : undefined;
  if (!key || typeof kid !== 'string')
    return { ok: false, problem: 'unknown-kid', detail: `no trusted public key has kid "${String(kid)}"` };
  try {
    await compactVerify(`${header}.${base64url.encode(payload)}.${signature}`, key, { algorithms: ['EdDSA'] });
    return { ok: true, kid };
  } catch {
    return { ok: false, problem: 'bad-signature', detail: `the signature does not verify with key "${kid}"` };
  }
}
