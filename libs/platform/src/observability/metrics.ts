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
  readonly handlerFailures = new Counter({
    name: 'uc_consumer_handler_failures_total',
    help: 'Handler attempts that failed, by class: transient ones are retried until they pass',
    labelNames: ['class'],
    registers: [this.registry],
  });
  readonly relayParked = new Gauge({
    name: 'uc_relay_parked_events',
    help: 'Events the broker refused permanently (e.g. too large), set aside so the relay goes on',
    registers: [this.registry],
  });
  readonly relayFailures = new Counter({
    name: 'uc_relay_failures_total',
    help: 'Relay rounds that failed (database or broker unreachable) and were retried',
    registers: [this.registry],
  });
  /** Read on scrape: the DLQ's messages that the DLQ tool has not re-driven yet. */
  readonly dlqMessages = new Gauge({
    name: 'uc_dlq_messages',
    help: "Messages in this service's dead-letter topic not yet re-driven",
    registers: [this.registry],
    collect: async () => {
      if (!this.dlqPending) return;
      try {
        this.dlqMessages.set(await this.dlqPending());
      } catch {
        // Broker unreachable: keep the last value rather than fail the whole scrape.
      }
    },
  });
  /** Set by the consumer: counts what is pending in its dead-letter topic. */
  dlqPending: (() => Promise<number>) | null = null;
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
