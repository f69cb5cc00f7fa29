import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { END, FIGURES, START, renderTable, withTable } from './readme-table.mjs';

// The README's performance table is what `npm run bench` rendered from the figures committed with
// it, never a copy edited by hand (issue 19).
const figures = JSON.parse(readFileSync(FIGURES, 'utf8'));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe("the README's performance table", () => {
  it('is exactly the table rendered from bench/readme-figures.json', () => {
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));
    expect(section).toBe(`\n\n${renderTable(figures)}\n\n`);
  });

  it('has a row per result of the run, whatever the item, and names the machine', () => {
    const result = {
      name: 'consume',
      value: 1234.5,
      unit: 'events/s',
      baseline: 2000,
      ratio: 0.62,
      target: '≥ 0.7',
      met: false,
    };
    const table = renderTable({ ...figures, results: [...figures.results, result] });
    expect(table).toContain('| consume | 1,234.5 events/s | 2,000 | 0.62 | ≥ 0.7 | missed |');
    expect(table).toContain(`${figures.machine.cpu}, ${figures.machine.cores} cores, node ${figures.machine.node}`);
  });

  it('is written only between its markers', () => {
    expect(withTable(`a\n${START}\nold\n${END}\nb`, 'new')).toBe(`a\n${START}\n\nnew\n\n${END}\nb`);
    expect(() => withTable('no markers', 'new')).toThrow(`README.md has no ${START} … ${END} section`);
  });
});
