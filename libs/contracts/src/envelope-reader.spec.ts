import { jest } from '@jest/globals';
import { envelopeSchema } from './envelope.js';
import { readEnvelope } from './envelope-reader.js';
import { sampleEnvelope } from './testing/sample-envelope.js';

const envelope = sampleEnvelope;

/** The envelope as a consumer receives it: parsed from its JSON, key order as written. */
const received = (change: Record<string, unknown> = {}): unknown => ({
  ...JSON.parse(JSON.stringify(envelope)),
  ...change,
});

/** What the schema alone says of the same value: the verdict readEnvelope must give. */
function bySchema(value: unknown) {
  const parsed = envelopeSchema.safeParse(value);
  return parsed.success ? { ok: true, envelope: parsed.data } : { ok: false };
}

// Values on both sides of each field's rule, including those the schema accepts in another form.
const variants: [string, Record<string, unknown>][] = [
  ['an upper-case uuid', { eventId: '0190F0A0-0000-7000-8000-000000000001' }],
  ['a uuid of no version', { eventId: '0190f0a0-0000-9000-8000-000000000001' }],
  ['an empty type', { type: '' }],
  ['a fractional schema version', { schemaVersion: 1.5 }],
  ['a schema version of 0', { schemaVersion: 0 }],
  ['an unsafe integer version', { streamVersion: 2 ** 53 }],
  ['a version as text', { streamVersion: '2' }],
  ['an instant with an offset', { occurredAt: '2026-11-25T11:00:00+01:00' }],
  ['an instant without a zone', { occurredAt: '2026-11-25T10:00:00' }],
  ['a day that does not exist', { occurredAt: '2026-02-30T10:00:00Z' }],
  ['an unknown producer', { producer: 'billing' }],
  ['an empty correlation', { correlationId: '' }],
  ['a numeric causation', { causationId: 7 }],
  ['an actor of an unknown role', { actor: { id: 'olga', role: 'root' } }],
  ['an actor with an extra key', { actor: { id: 'olga', role: 'operator', team: 'dba' } }],
  ['an actor without an id', { actor: { role: 'operator' } }],
  ['a payload that is a list', { payload: ['u1'] }],
  ['a payload of null', { payload: null }],
  ['a payload with an own __proto__ key', { payload: JSON.parse('{"__proto__": {"x": 1}, "a": 1}') }],
  ['an upper-case previous hash', { prevHash: 'A'.repeat(64) }],
  ['no previous hash', { prevHash: null }],
  ['a short hash', { hash: 'b'.repeat(63) }],
  ['a key the schema does not know', { partition: 3 }],
  ['a missing hash', { hash: undefined }],
];

describe('reading an envelope', () => {
  it('takes an envelope of exactly the schema shape without asking the schema', () => {
    const schema = jest.spyOn(envelopeSchema, 'safeParse');
    try {
      expect(readEnvelope(received())).toEqual({ ok: true, envelope });
      expect(schema).not.toHaveBeenCalled();
    } finally {
      schema.mockRestore();
    }
  });

  it('returns the fields in the schema order, as the schema would', () => {
    const reversed = Object.fromEntries(Object.entries(received() as object).reverse());
    const read = readEnvelope(reversed);
    expect(read.ok && Object.keys(read.envelope)).toEqual(Object.keys(envelopeSchema.shape));
  });

  it.each(variants)('gives the schema verdict on %s', (_case, change) => {
    const value = received(change);
    const read = readEnvelope(value);
    expect(read.ok ? { ok: true, envelope: read.envelope } : { ok: false }).toEqual(bySchema(value));
  });

  it('names the field and the rule of a refusal', () => {
    expect(readEnvelope(received({ producer: 'billing' }))).toEqual({
      ok: false,
      error: expect.stringMatching(/^not an event envelope: producer: Invalid option/),
    });
  });
});
