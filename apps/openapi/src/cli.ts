/** `npm run openapi`: writes docs/openapi.json (the whole system) and docs/openapi/<service>.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { documentFiles } from './documents.js';

for (const [file, document] of Object.entries(await documentFiles())) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`OpenAPI document written to ${file}`);
}
