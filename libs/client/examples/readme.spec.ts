import { readFileSync } from 'node:fs';

describe("the README's client example", () => {
  it('is the type-checked file libs/client/examples/propose-upgrade.ts, verbatim', () => {
    const example = readFileSync('libs/client/examples/propose-upgrade.ts', 'utf8');
    expect(readFileSync('README.md', 'utf8')).toContain(`## Using the API\n`);
    expect(readFileSync('README.md', 'utf8')).toContain('```ts\n' + example + '```\n');
  });
});
