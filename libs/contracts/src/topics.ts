import type { ServiceName } from './envelope.js';

/** Each service publishes its own events to one topic, keyed by stream id (ADR 10). */
export const eventsTopic = (service: ServiceName): string => `${service}.events`;
export const deadLetterTopic = (service: ServiceName): string => `${service}.dlq`;
/** Messages put back from the DLQ by an operator, for the dead-lettering service's consumer alone. */
export const redriveTopic = (service: ServiceName): string => `${service}.redrive`;
