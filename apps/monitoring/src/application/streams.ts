import type { StreamDecider } from '@upgrade-control/platform';
import { monitoringDecider, monitoringStreamId, type MonitoringCommand } from '../domain/monitoring.decider.js';

/** Monitoring's one stream per upgrade: what every `Decide` of this service is routed to. */
export const monitoringStream: StreamDecider<MonitoringCommand> = {
  decider: monitoringDecider,
  streamId: monitoringStreamId,
};
