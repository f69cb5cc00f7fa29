/**
 * The sum of a metric's samples as a service exposes them on /metrics; null when it has none.
 * Prometheus scrapes the exposition format, outside the API document, so a plain fetch reads it.
 */
export async function metric(serviceUrl: string, name: string): Promise<number | null> {
  const response = await fetch(`${serviceUrl}/metrics`, { headers: { accept: 'text/plain' } });
  if (!response.ok) throw new Error(`${serviceUrl}/metrics → ${response.status}`);
  const samples = (await response.text())
    .split('\n')
    .filter((line) => line.startsWith(name) && [' ', '{'].includes(line[name.length] ?? ''));
  if (samples.length === 0) return null;
  return samples.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
