import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { asyncApiDocument } from './document.js';

const out = resolve(process.argv[2] ?? 'docs/asyncapi.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
console.log(`AsyncAPI document written to ${out}`);
