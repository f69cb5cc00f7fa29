import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus registry with the event platform's own series. */
export class PlatformMetrics {
  readonly registry = new Registry();
  readonly eventsAppended = new Counter({
    name: 'uc_events_appended_total',
    help: 'Events appended to the store',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly relayPublished = new Counter({
    name: 'uc_relay_published_total',
    help: 'Events published by the outbox relay',
    registers: [this.registry],
  });
  readonly relayLag = new Gauge({
    name: 'uc_relay_lag_events',
    help: 'Events in the store not yet published to Kafka',
    registers: [this.registry],
  });
  readonly relayLeader = new Gauge({
    name: 'uc_relay_leader',
    help: '1 when this replica holds the relay lock',
    registers: [this.registry],
  });
  readonly consumed = new Counter({
    name: 'uc_consumer_processed_total',
    help: 'Events that took effect in a handler',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly skipped = new Counter({
    name: 'uc_consumer_skipped_total',
    help: 'Events skipped',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'uc_consumer_dead_lettered_total',
    help: 'Messages sent to the DLQ',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'uc_consumer_lag_messages',
    help: 'Messages behind the latest offset',
    labelNames: ['topic', 'partition'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'uc_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
