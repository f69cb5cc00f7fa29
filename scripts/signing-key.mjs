// npm run --silent signing-key -- <service> [kid]: makes an Ed25519 signing key for one service
// (ADR 20). Prints the service's .env lines (its private key as one-line PKCS8 PEM, for that
// service alone) and the public key entry auditors put in AUDIT_PUBLIC_KEYS.
import { generateKeyPairSync } from 'node:crypto';

const SERVICES = ['inventory', 'planning', 'execution', 'monitoring'];
const [service, kid = `${service}-${new Date().toISOString().slice(0, 10)}`] = process.argv.slice(2);
if (!SERVICES.includes(service) || !/^[\w.:-]{1,200}$/.test(kid)) {
  console.error(`usage: npm run --silent signing-key -- <service> [kid]   services: ${SERVICES.join(', ')}`);
  process.exit(2);
}
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim().replaceAll('\n', '\\n');
const prefix = service.toUpperCase();
console.log(`${prefix}_SIGNING_KEY=${pem}`);
console.log(`${prefix}_SIGNING_KEY_ID=${kid}`);
console.log(
  `AUDIT_PUBLIC_KEYS entry: "${service}": {"${kid}": ${JSON.stringify(publicKey.export({ format: 'jwk' }))}}`,
);
