import { envelopeSchema, ROLES, SERVICES, SHA256_HEX as SHA256, type EventEnvelope } from './envelope.js';

export type ReadEnvelope = { ok: true; envelope: EventEnvelope } | { ok: false; error: string };

/**
 * The envelope's contract check where every record passes: each consumer's fetch and each
 * auditor's replay. zod's safeParse cost about 4 µs an envelope, a tenth of a replay (issue 19).
 * A value of exactly the envelope's shape is taken here by direct checks against the schema's own
 * patterns; anything else goes to `envelopeSchema` for the verdict and its messages. So this path
 * is only ever stricter than the schema, never looser, and returns what the schema would
 * (envelope-reader.spec.ts holds it to both).
 */
export function readEnvelope(json: unknown): ReadEnvelope {
  const exact = exactEnvelope(json);
  if (exact) return { ok: true, envelope: exact };
  const parsed = envelopeSchema.safeParse(json);
  if (parsed.success) return { ok: true, envelope: parsed.data as EventEnvelope };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return { ok: false, error: `not an event envelope: ${issues}` };
}

const shape = envelopeSchema.shape;
const KEYS = Object.keys(shape);
const UUID = patternOf(shape.eventId);
const INSTANT = patternOf(shape.occurredAt);
const services: ReadonlySet<unknown> = new Set(SERVICES);
const roles: ReadonlySet<unknown> = new Set(ROLES);

/** The envelope rebuilt in the schema's key order when `json` has exactly its keys and kinds. */
function exactEnvelope(json: unknown): EventEnvelope | undefined {
  if (!isRecord(json) || Object.keys(json).length !== KEYS.length) return undefined;
  const e = json as Record<keyof typeof shape, unknown>;
  const { actor, payload } = e;
  const fits =
    text(e.eventId) &&
    UUID.test(e.eventId) &&
    text(e.type) &&
    count(e.schemaVersion) &&
    text(e.streamId) &&
    count(e.streamVersion) &&
    typeof e.occurredAt === 'string' &&
    INSTANT.test(e.occurredAt) &&
    services.has(e.producer) &&
    text(e.correlationId) &&
    (e.causationId === null || typeof e.causationId === 'string') &&
    isRecord(actor) &&
    Object.keys(actor).length === 2 &&
    text(actor.id) &&
    roles.has(actor.role) &&
    // zod copies a record key by key: an own "__proto__" key would not survive its copy.
    isRecord(payload) &&
    !Object.hasOwn(payload, '__proto__') &&
    (e.prevHash === null || (typeof e.prevHash === 'string' && SHA256.test(e.prevHash))) &&
    typeof e.hash === 'string' &&
    SHA256.test(e.hash);
  if (!fits) return undefined;
  return {
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    occurredAt: e.occurredAt,
    producer: e.producer,
    correlationId: e.correlationId,
    causationId: e.causationId,
    actor: { id: actor.id, role: actor.role },
    payload,
    prevHash: e.prevHash,
    hash: e.hash,
  } as EventEnvelope;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const count = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** The regular expression a zod string format (uuid, ISO datetime) checks with: the schema stays the one definition. */
function patternOf(schema: unknown): RegExp {
  const pattern = (schema as { _zod?: { def?: { pattern?: unknown } } })._zod?.def?.pattern;
  if (!(pattern instanceof RegExp)) throw new Error('the envelope schema no longer exposes its format patterns');
  return pattern;
}
