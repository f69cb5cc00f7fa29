/** `npm run asyncapi`: writes docs/asyncapi.json. */
import { writeFileSync } from 'node:fs';
import { ASYNCAPI_FILE, systemAsyncApiDocument } from './asyncapi.js';

writeFileSync(ASYNCAPI_FILE, `${JSON.stringify(await systemAsyncApiDocument(), null, 2)}\n`);
console.log(`AsyncAPI document written to ${ASYNCAPI_FILE}`);
