// Pure counting for the replicas item's exactly-once check: what a stage should hold against what
// it holds, and a counter summed over the replicas' Prometheus scrapes.

/** Keys of `expected` absent from `seen`, and copies in `seen` beyond the first of an expected key. */
export function copies(expected, seen) {
  const count = new Map([...expected].map((key) => [key, 0]));
  for (const key of seen) if (count.has(key)) count.set(key, count.get(key) + 1);
  const missing = [];
  let extra = 0;
  for (const [key, n] of count) {
    if (n === 0) missing.push(key);
    else extra += n - 1;
  }
  return { missing, extra };
}

/** The sum of `name`'s samples whose labels include every `labels` pair, over several scrapes. */
export function metricSum(scrapes, name, labels = {}) {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let sum = 0;
  for (const text of scrapes)
    for (const line of text.split('\n')) {
      const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const present = (match[2] ?? '').split(',');
      if (wanted.every((pair) => present.includes(pair))) sum += Number(match[3]);
    }
  return sum;
}
