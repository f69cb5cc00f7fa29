import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '@upgrade-control/contracts';
import { ConfigError } from './config-error.js';

/** A configured API key: only its SHA-256 is known to the service, with the name and roles it stands for. */
export interface ApiKey {
  name: string;
  roles: Role[];
  sha256: Buffer;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest();

const rolesOf = (field: string, entry: string): Role[] => {
  const roles = field.split('+');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r) || r === 'system');
  if (!roles.length || unknown.length)
    throw new ConfigError(`API_KEYS entry for "${entry}" names unknown role(s) ${unknown.join(', ') || '(none)'}`);
  return roles as Role[];
};

/**
 * `API_KEYS=name:role[+role…]:sha256-hex,…`: the service never holds a key itself, so a leaked
 * configuration opens nothing. `npm run api-key -- <name> <role>` makes a key and its entry.
 */
export function parseApiKeyHashes(value: string): ApiKey[] {
  return value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, roles, hash] = entry.split(':');
      if (!name || !roles || !hash || !HEX_SHA256.test(hash))
        throw new ConfigError(`API_KEYS entry for "${name ?? ''}" is not name:role[+role]:<SHA-256 of the key, hex>`);
      return { name, roles: rolesOf(roles, name), sha256: Buffer.from(hash, 'hex') };
    });
}

/** Development keys are known in the clear (`key:role:name`); the service keeps only their hashes. */
export function developmentApiKeys(value: string): ApiKey[] {
  return value.split(',').map((entry) => {
    const [key, role, name] = entry.split(':') as [string, string, string];
    return { name, roles: rolesOf(role, name), sha256: sha256(key) };
  });
}

/**
 * The key's entry, compared in constant time against every configured hash (no early exit), so
 * the answer's timing says nothing about which key, or how much of one, matched.
 */
export function findApiKey(keys: ApiKey[], presented: string): ApiKey | null {
  const digest = sha256(presented);
  let found: ApiKey | null = null;
  for (const key of keys) if (timingSafeEqual(key.sha256, digest) && !found) found = key;
  return found;
}

export const hashApiKey = (key: string) => sha256(key).toString('hex');
