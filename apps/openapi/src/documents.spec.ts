import { readFileSync } from 'node:fs';
import { documentFiles } from './documents.js';

describe('the OpenAPI documents in docs/', () => {
  // Built once for both checks: each build starts the four services' modules in preview mode.
  const files = documentFiles();

  it('are the documents the controllers declare (run npm run openapi after changing a route)', async () => {
    for (const [file, document] of Object.entries(await files))
      expect({ file, document: JSON.parse(readFileSync(file, 'utf8')) }).toEqual({
        file,
        document: JSON.parse(JSON.stringify(document)),
      });
  });

  it('describe every tag and every path parameter (libs/platform/src/nest/openapi-glossary.ts)', async () => {
    const undescribed: string[] = [];
    for (const [file, document] of Object.entries(await files)) {
      for (const tag of document.tags ?? []) if (!tag.description) undescribed.push(`${file}: tag ${tag.name}`);
      for (const [path, item] of Object.entries(document.paths))
        for (const operation of Object.values(item) as {
          parameters?: { in?: string; name?: string; description?: string }[];
        }[])
          for (const parameter of operation.parameters ?? [])
            if (parameter.in === 'path' && !parameter.description)
              undescribed.push(`${file}: ${path} parameter ${parameter.name}`);
    }
    expect(undescribed).toEqual([]);
  });
});
