import { readFileSync } from 'node:fs';
import { analysisMetric } from '@upgrade-control/contracts';
import { lezerPromqlSyntax } from './promql-parser.js';

// The README shows a plan's analysis metric next to an Argo Rollouts AnalysisTemplate: it must be
// one the contract accepts and a query the plan-time PromQL check accepts, or the README misleads.
describe("the README's metric analysis example", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Metric analysis after release'));
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];

  it('is a metric the contract accepts', () => {
    expect(block).toBeDefined();
    expect(analysisMetric.safeParse(JSON.parse(block!)).error).toBeUndefined();
  });

  it('has a query that parses once its template variable is filled in', () => {
    const { query } = analysisMetric.parse(JSON.parse(block!));
    expect(lezerPromqlSyntax(query.replaceAll('{{assetId}}', 'orders-db'))).toBeNull();
  });
});
