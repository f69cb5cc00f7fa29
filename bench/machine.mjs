// The machine a run measured on, recorded with its figures so that runs on different machines can
// be compared by their baselines rather than by absolute figures.
import os from 'node:os';

export function machine(postgres) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kafka: process.env.KAFKA_VERSION ?? '4.1.1',
    ...(postgres ? { postgres } : {}),
  };
}

/** The baselines of a run by item: what this machine does without our code in the way. */
export const baselines = (results) =>
  Object.fromEntries(results.filter((r) => r.baseline !== null).map((r) => [r.name, r.baseline]));
