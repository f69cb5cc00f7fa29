import { readFile, writeFile } from 'node:fs/promises';
import {
  signDetached,
  signingKeyFrom,
  verifyDetached,
  type SignatureCheck,
  type TrustedKeys,
} from '@upgrade-control/platform';

/**
 * Monitoring's key, as the service reads it: MONITORING_SIGNING_KEY / MONITORING_SIGNING_KEY_ID
 * win over SIGNING_KEY / SIGNING_KEY_ID; the development key only in development.
 */
export function monitoringSigningKey(env: NodeJS.ProcessEnv) {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const name of ['SIGNING_KEY', 'SIGNING_KEY_ID'])
    if (env[`MONITORING_${name}`]) merged[name] = env[`MONITORING_${name}`];
  return signingKeyFrom(merged, 'the audit export (monitoring)');
}

/** A detached JWS over the export's exact bytes, as monitoring sends it in X-Record-Signature. */
export const signExport = (body: string, env: NodeJS.ProcessEnv): Promise<string> =>
  signDetached(new TextEncoder().encode(body), monitoringSigningKey(env));

/**
 * Writes an export and its detached JWS (`<file>.jws`), the same signature monitoring sends as
 * X-Record-Signature: over the exact bytes written.
 */
export async function writeSignedExport(file: string, body: string, env: NodeJS.ProcessEnv): Promise<string> {
  const signature = await signExport(body, env);
  await writeFile(file, body);
  await writeFile(`${file}.jws`, `${signature}\n`);
  return signature;
}

/** Checks `<file>` against `<file>.jws` (or the given signature) with monitoring's trusted keys. */
export async function verifyExport(file: string, trusted: TrustedKeys, signature?: string): Promise<SignatureCheck> {
  const body = await readFile(file);
  const jws = signature ?? (await readFile(`${file}.jws`, 'utf8')).trim();
  return verifyDetached(jws, body, trusted.get('monitoring') ?? new Map());
}
