import { readFileSync } from 'node:fs';
import { clientFiles } from './client-sources.js';

describe('the typed client generated into libs/client', () => {
  it('is generated from the current documents (run npm run openapi after changing a route)', async () => {
    for (const [file, source] of Object.entries(await clientFiles()))
      expect({ file, source: readFileSync(file, 'utf8') }).toEqual({ file, source });
  });
});
