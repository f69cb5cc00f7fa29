import { PlatformMetrics } from '@upgrade-control/platform';
// The page's own module, as the browser loads it: it reads the platform's series by name.
import { platformFigures } from '../../dashboard/metrics.js';

describe("the dashboard's platform figures", () => {
  it("reads relay lag, consumer lag (summed over partitions), DLQ size and parked events from a service's /metrics", async () => {
    const metrics = new PlatformMetrics('execution');
    metrics.relayLag.set(3);
    metrics.consumerLag.set({ topic: 'planning.events', partition: '0' }, 2);
    metrics.consumerLag.set({ topic: 'planning.events', partition: '1' }, 5);
    metrics.dlqPending = () => Promise.resolve(4);
    metrics.relayParked.set(1);
    expect(platformFigures(await metrics.registry.metrics())).toEqual({
      relayLag: 3,
      consumerLag: 7,
      dlq: 4,
      parked: 1,
    });
  });

  it('says "absent" (null) for a series a service does not export, rather than 0', () => {
    expect(platformFigures('# HELP up 1\nup 1\n')).toEqual({
      relayLag: null,
      consumerLag: null,
      dlq: null,
      parked: null,
    });
  });
});
