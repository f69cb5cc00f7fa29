/**
 * `npm run openapi`: writes docs/openapi.json (the whole system), docs/openapi/<service>.json and
 * the typed client's generated sources in libs/client/src/generated/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { clientFiles } from './client-sources.js';
import { documentFiles, serviceDocuments } from './documents.js';

// Built once (four Nest preview apps) for both the documents and the client generated from them.
const documents = await serviceDocuments();

for (const [file, document] of Object.entries(await documentFiles(documents))) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`OpenAPI document written to ${file}`);
}
for (const [file, source] of Object.entries(await clientFiles(documents))) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  console.log(`Client source written to ${file}`);
}
