import { readFileSync } from 'node:fs';
import { regressionPolicy, wave } from '@upgrade-control/contracts';

// The README shows a plan's waves next to Argo Rollouts steps: the body must be one the contract
// reads (the targets aside, which planning resolves from each selector), or the README misleads.
describe("the README's staged rollout example", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Staged rollout: waves'));
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  const example = (): { waves: unknown[]; onRegression: unknown } => {
    if (block === undefined) throw new Error('README: no ```json block under "## Staged rollout: waves"');
    return JSON.parse(block);
  };

  it('has waves the contract reads, a pilot first, and a regression policy', () => {
    const { waves, onRegression } = example();
    const parsed = waves.map((w) => wave.omit({ targets: true }).strict().parse(w));
    expect(parsed.map((w) => w.pilot)).toEqual([true, false]);
    expect(regressionPolicy.safeParse(onRegression).error).toBeUndefined();
  });
});
