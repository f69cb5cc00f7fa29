import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withAuthorizationSection } from './markdown.js';

// npm run docs:authz: writes the authorization matrix into README.md between its markers.
const readme = resolve(process.argv[2] ?? 'README.md');
writeFileSync(readme, withAuthorizationSection(readFileSync(readme, 'utf8')));
console.log(`authorization matrix written to ${readme}`);
