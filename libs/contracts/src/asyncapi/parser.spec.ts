import { Parser } from '@asyncapi/parser';
import { asyncApiDocument, type ServiceConsumption } from './document.js';

const some: ServiceConsumption = { types: ['UpgradeApplied', 'AcceptancePassed'], everyType: false };
const document = asyncApiDocument({
  consumption: { inventory: some, planning: some, execution: some, monitoring: { types: [], everyType: true } },
});

describe('AsyncAPI document, read by the official parser', () => {
  it('parses with no errors or warnings', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    // Severity 0 is an error, 1 a warning; hints and information are style advice.
    const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(
      parsed
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toContain('planning.dlq');
  });
});
