import type { z } from 'zod';
import type { ServiceName } from './envelope.js';

/** One published event contract: a stable type string, its schema version and payload schema. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly schemaVersion: number;
  readonly producer: ServiceName;
  readonly description: string;
  readonly schema: S;
}

export function defineEvent<const T extends string, S extends z.ZodType>(definition: {
  type: T;
  schemaVersion?: number;
  producer: ServiceName;
  description: string;
  schema: S;
}): EventDefinition<T, S> {
  return { schemaVersion: 1, ...definition };
}

export type PayloadOf<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;

/** The typed event a decider emits: just a type and its payload; the platform wraps it. */
export type DomainEventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; payload: z.infer<S> } : never;
