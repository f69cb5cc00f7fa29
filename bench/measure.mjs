// Timing, concurrency and the report: each figure printed as a table row and kept for latest.json.
export const results = [];
export const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
export const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
export function report(name, value, unit, baseline, target, met, note) {
  const ratio = baseline ? value / baseline : null;
  results.push({
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: ratio === null ? null : round(ratio),
    target,
    met,
    ...(note ? { note } : {}),
  });
  console.log(
    `${name.padEnd(28)} ${String(round(value)).padStart(10)} ${unit.padEnd(10)} baseline ${String(baseline === null ? '—' : round(baseline)).padStart(10)}  ratio ${ratio === null ? '—' : round(ratio)}  target ${target}  ${met ? 'met' : 'MISSED'}`,
  );
}
const round = (n) => Math.round(n * 100) / 100;
export async function pool(concurrency, total, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await work(i);
    }),
  );
}
