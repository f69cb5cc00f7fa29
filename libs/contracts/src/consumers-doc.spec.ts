import { readFileSync } from 'node:fs';

describe('docs/consumers.md', () => {
  it('shows the chain consumer exactly as docs/examples/chain-consumer.ts (which tsc and a test check)', () => {
    const example = readFileSync('docs/examples/chain-consumer.ts', 'utf8');
    expect(readFileSync('docs/consumers.md', 'utf8')).toContain(`\`\`\`ts\n${example}\`\`\`\n`);
  });
});
