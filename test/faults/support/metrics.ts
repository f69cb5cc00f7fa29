import { call } from '../../../scripts/demo/client.mjs';

/** The sum of a metric's samples as a service exposes them on /metrics; null when it has none. */
export async function metric(serviceUrl: string, name: string): Promise<number | null> {
  const { body } = await call(`${serviceUrl}/metrics`, { accept: 'text/plain' });
  const samples = (body as string)
    .split('\n')
    .filter((line) => line.startsWith(name) && [' ', '{'].includes(line[name.length] ?? ''));
  if (samples.length === 0) return null;
  return samples.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
