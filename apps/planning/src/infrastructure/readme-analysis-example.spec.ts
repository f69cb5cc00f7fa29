import { readFileSync } from 'node:fs';
import { analysisMetric } from '@upgrade-control/contracts';
import { lezerPromqlSyntax } from './promql-parser.js';

// The README shows a plan's analysis metric next to an Argo Rollouts AnalysisTemplate: it must be
// one the contract accepts and a query the plan-time PromQL check accepts, or the README misleads.
describe("the README's metric analysis example", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Metric analysis after release'));
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  // Without the section's JSON block there is nothing to check: fail loudly rather than pass.
  const example = (): unknown => {
    if (block === undefined) throw new Error('README: no ```json block under "## Metric analysis after release"');
    return JSON.parse(block);
  };

  it('is a metric the contract accepts', () => {
    expect(analysisMetric.safeParse(example()).error).toBeUndefined();
  });

  it('has a query that parses once its template variable is filled in', () => {
    const { query } = analysisMetric.parse(example());
    expect(lezerPromqlSyntax(query.replaceAll('{{assetId}}', 'orders-db'))).toBeNull();
  });
});
