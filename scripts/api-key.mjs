// npm run api-key -- <name> <role>[+role…]: makes a random API key. Prints the key (give it to the
// caller, once) and the API_KEYS entry holding only its SHA-256 (give that to the services).
import { createHash, randomBytes } from 'node:crypto';

const ROLES = ['planner', 'approver', 'operator', 'observer', 'auditor', 'agent'];
const [name, roles] = process.argv.slice(2);
if (!name || !/^[\w.@-]+$/.test(name) || !roles || roles.split('+').some((r) => !ROLES.includes(r))) {
  console.error(`usage: npm run api-key -- <name> <role>[+role…]   roles: ${ROLES.join(', ')}`);
  process.exit(2);
}
const key = `uck_${randomBytes(24).toString('base64url')}`;
const hash = createHash('sha256').update(key, 'utf8').digest('hex');
console.log(`key (give to ${name}, shown once): ${key}`);
console.log(`API_KEYS entry:                  ${name}:${roles}:${hash}`);
