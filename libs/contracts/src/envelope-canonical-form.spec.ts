import { canonicalJson } from './canonical-json.js';
import { canonicalUnhashed } from './envelope-canonical-form.js';
import { sampleEnvelope } from './testing/sample-envelope.js';

const sealed = sampleEnvelope;
const { hash: _hash, ...unhashed } = sealed;

/** The definition: canonical JSON of the object without its hash. */
const byDefinition = (value: Record<string, unknown>) => {
  const { hash: _h, ...rest } = value;
  return canonicalJson(rest);
};

const cases: [string, Record<string, unknown>][] = [
  ['a stored event, hash included', sealed],
  ['an event before sealing', unhashed],
  ['an event whose keys came in another order', Object.fromEntries(Object.entries(sealed).reverse())],
  ['an event with a key the schema does not know', { ...sealed, partition: 3 }],
  ['an event without one of its fields', (({ causationId: _c, ...rest }) => rest)(sealed)],
  ['an event with a field left undefined', { ...sealed, causationId: undefined }],
  ['an event with a field in place of its hash', { ...unhashed, extra: 'x' }],
];

describe("an envelope's canonical form", () => {
  it.each(cases)('is the canonical JSON without the hash for %s', (_case, value) => {
    expect(canonicalUnhashed(value)).toBe(byDefinition(value));
  });

  it('refuses what canonical JSON refuses', () => {
    expect(() => canonicalUnhashed({ ...sealed, streamVersion: Infinity })).toThrow('non-finite number');
  });
});
