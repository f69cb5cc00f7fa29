import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus registry with the event platform's own series. */
export class PlatformMetrics {
  readonly registry = new Registry();
  readonly eventsAppended = this.counter('uc_events_appended_total', 'Events appended to the store', ['type']);
  readonly relayPublished = this.counter('uc_relay_published_total', 'Events published by the outbox relay');
  readonly relayLag = this.gauge('uc_relay_lag_events', 'Events in the store not yet published to Kafka');
  readonly relayLeader = this.gauge('uc_relay_leader', '1 when this replica holds the relay lock');
  readonly consumed = this.counter('uc_consumer_processed_total', 'Events that took effect in a handler', ['type']);
  readonly skipped = this.counter('uc_consumer_skipped_total', 'Events skipped', ['reason']);
  readonly deadLettered = this.counter('uc_consumer_dead_lettered_total', 'Messages sent to the DLQ', ['reason']);
  readonly securityFindings = this.counter(
    'uc_security_findings_total',
    'Messages refused as a security finding (e.g. a producer writing what it does not own)',
    ['reason'],
  );
  readonly handlerFailures = this.counter(
    'uc_consumer_handler_failures_total',
    'Handler attempts that failed, by class: transient ones are retried until they pass',
    ['class'],
  );
  readonly relayParked = this.gauge(
    'uc_relay_parked_events',
    'Events the broker refused permanently (e.g. too large), set aside so the relay goes on',
  );
  readonly relayFailures = this.counter(
    'uc_relay_failures_total',
    'Relay rounds that failed (database or broker unreachable) and were retried',
  );
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
  readonly consumerLag = this.gauge('uc_consumer_lag_messages', 'Messages behind the latest offset', [
    'topic',
    'partition',
  ]);
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

  private counter<L extends string = never>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string = never>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
