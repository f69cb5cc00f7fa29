import { toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { DataSource } from 'typeorm';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { uniqueName } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { startService, type RunningService } from '../support/service-app.js';

/**
 * The monitoring service under test, shared by the monitoring scenario files, on a clock the
 * scenarios move and its own topic prefix (the audit replay reads the whole log under it). Call it
 * inside a describe block: it registers the beforeAll and afterAll that start and stop the service.
 */
export function useMonitoringService(options: { env?: () => Record<string, string> } = {}) {
  // null: the wall clock, for scenarios that read a real Prometheus.
  let now: Date | null = new Date('2027-01-17T02:00:00Z');
  const clock = () => now ?? new Date();
  const prefix = `${uniqueName('mon')}.`;
  let monitoring: RunningService;
  let data: DataSource;
  const publish = (service: 'planning' | 'execution' | 'inventory', events: EventEnvelope[]) =>
    sendRaw(
      monitoring.topic(service),
      events.map((e) => toKafkaRecord(e)),
    );
  const types = async (upgradeId: string) =>
    (await monitoring.store.readStream(`monitoring-${upgradeId}`)).map((e) => e.type);
  const samples = (assetId: string, metric: string, from: Date, minutes: number, value: (i: number) => number) =>
    Array.from({ length: minutes }, (_, i) => ({
      assetId,
      metric,
      timestamp: new Date(from.getTime() + i * 60_000).toISOString(),
      value: value(i),
    }));

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env, clock), {
      KAFKA_TOPIC_PREFIX: prefix,
      DETECTOR_INTERVAL_MS: '100',
      MONITORING_EXTENSION_MINUTES: '30',
      ...options.env?.(),
    });
    data = monitoring.app.get(DataSource);
  });
  afterAll(() => monitoring.close());

  return {
    get monitoring() {
      return monitoring;
    },
    get data() {
      return data;
    },
    prefix,
    /** Moves the service's clock; null lets it follow the wall clock. */
    setNow: (iso: string | null) => {
      now = iso === null ? null : new Date(iso);
    },
    publish,
    types,
    samples,
  };
}
