import { readFileSync } from 'node:fs';
import { documentFiles } from './documents.js';

describe('the OpenAPI documents in docs/', () => {
  it('are the documents the controllers declare (run npm run openapi after changing a route)', async () => {
    for (const [file, document] of Object.entries(await documentFiles()))
      expect({ file, document: JSON.parse(readFileSync(file, 'utf8')) }).toEqual({
        file,
        document: JSON.parse(JSON.stringify(document)),
      });
  });
});
