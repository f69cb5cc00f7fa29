import type { ServiceName } from './envelope.js';

/** Each service publishes its own events to one topic, keyed by stream id (ADR 10). */
export const eventsTopic = (service: ServiceName): string => `${service}.events`;
export const deadLetterTopic = (service: ServiceName): string => `${service}.dlq`;
/** Messages put back from the DLQ by an operator, for the dead-lettering service's consumer alone. */
export const redriveTopic = (service: ServiceName): string => `${service}.redrive`;

/**
 * Why a consumer dead-lettered a record: its `dlq_reason` header (EventConsumer.deadLetter). The
 * one list: the consumer's reasons, the security findings and the AsyncAPI enum are read from it.
 */
export const DEAD_LETTER_REASONS = [
  'invalid-envelope',
  'unhashable',
  'hash-mismatch',
  'foreign-producer',
  'unknown-schema-version',
  'invalid-payload',
  'upcast-failed',
  'chain-gap',
  'chain-fork',
  'handler-failed',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

/**
 * Dead letters that are also security findings: someone wrote what only another service may
 * write, or an event that does not continue the chain the consumer holds for its stream (ADR 19).
 */
export const SECURITY_FINDINGS = [
  'foreign-producer',
  'chain-gap',
  'chain-fork',
] as const satisfies readonly DeadLetterReason[];
