// The README's performance table, rendered from a run's latest.json and written between markers:
// never edited by hand, so the figures it shows are the ones a run measured (issue 19).
import { readFileSync, writeFileSync } from 'node:fs';

export const START = '<!-- bench:table:start -->';
export const END = '<!-- bench:table:end -->';
const README = new URL('../README.md', import.meta.url);
/** The figures the README's table shows, committed with it (bench/results/ is not). */
export const FIGURES = new URL('./readme-figures.json', import.meta.url);

const number = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));

/** The table for a run: one row per result, whatever items the run had, then the machine. */
export function renderTable({ machine, baselines, results }) {
  const rows = [
    '| benchmark | ours | baseline (same run) | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${number(r.value)} ${r.unit} | ${number(r.baseline)} | ${number(r.ratio)} | ${r.target} | ${r.met ? 'met' : 'missed'} |`,
    ),
  ];
  const facts = `${machine.cpu}, ${machine.cores} cores, node ${machine.node}, PostgreSQL ${machine.postgres ?? '?'}, Kafka ${machine.kafka}`;
  const base = Object.entries(baselines ?? {})
    .map(([item, value]) => `${item} ${number(value)}`)
    .join('; ');
  // Prettier would realign the table, and the README must be exactly what was rendered.
  return [
    '<!-- prettier-ignore-start -->',
    ...rows,
    '<!-- prettier-ignore-end -->',
    '',
    `Measured on ${facts}; baselines: ${base || 'none'}.`,
  ].join('\n');
}

/** The README with the table between the markers replaced by `table`. */
export function withTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

/** Writes the run's figures and the README's table from them; true when the README changed. */
export function writeReadmeTable(output) {
  writeFileSync(FIGURES, `${JSON.stringify(output, null, 2)}\n`);
  const readme = readFileSync(README, 'utf8');
  const next = withTable(readme, renderTable(output));
  if (next !== readme) writeFileSync(README, next);
  return next !== readme;
}
