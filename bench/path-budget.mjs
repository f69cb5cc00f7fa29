// What the whole path (append → relay → consume) costs the machine per event, from CPU measured
// while each stage ran alone in this run: on two shared cores the stages compete, so a load the
// consumer alone could take may be more than the machine can carry through all three.
import os from 'node:os';

/** CPU ms per event of each stage, measured alone in this run: append, relay, consume. */
export const stageCpu = {};

/** Busy CPU time of the whole machine so far (every process: PostgreSQL and the broker too), in ms. */
export const busyCpuMs = (cpus = os.cpus()) =>
  cpus.reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);

/** CPU ms the machine spent per event while `work` (which resolves how many events) ran. */
export async function cpuPerEvent(work) {
  const before = busyCpuMs();
  const events = await work();
  return (busyCpuMs() - before) / events;
}

/**
 * The path's CPU per event (the stages' sum), the rate `cores` can carry through it, and the
 * cores a load of `rate` events/s needs; null until every stage was measured.
 */
export function pathBudget(perEvent, cores, rate) {
  const stages = ['append', 'relay', 'consume'];
  if (!stages.every((stage) => perEvent[stage] > 0)) return null;
  const msPerEvent = stages.reduce((sum, stage) => sum + perEvent[stage], 0);
  return { msPerEvent, capacity: (cores * 1000) / msPerEvent, coresAt: (rate * msPerEvent) / 1000 };
}
