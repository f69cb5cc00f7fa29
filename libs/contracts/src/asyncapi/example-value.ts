import type { JsonSchema } from './json-schema.js';

const HEX64 = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';

/** Strings tried, in order, against a pattern no format explains: the first that matches is used. */
const PATTERNED = [
  HEX64,
  HEX64.slice(0, 16),
  '02:00',
  `sha256:${HEX64}`,
  'eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJlLWJ5dGVz',
  '1.2.3',
];

const FORMATTED: Record<string, string> = {
  'date-time': '2026-11-26T09:00:00.000Z',
  date: '2026-11-26',
  uuid: '0b8f5c1e-6d2a-4f3b-9c4d-2e7a1f3b5c6d',
  email: 'someone@example.org',
  uri: 'https://example.org/evidence/1',
  url: 'https://example.org/evidence/1',
};

/**
 * A value that satisfies a JSON schema, built from it alone: the example of each message is then
 * as current as its contract. It takes the first choice of every union, the lower bound of every
 * range and every declared property; a pattern it cannot satisfy is an error naming it, so a new
 * pattern gets a sample here instead of a wrong example in the document.
 */
export function exampleValue(schema: JsonSchema, name = 'value'): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return exampleValue(union.find((s) => s.type !== 'null') ?? union[0]!, name);
  if (Array.isArray(schema.allOf))
    return Object.assign({}, ...(schema.allOf as JsonSchema[]).map((part) => exampleValue(part, name)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([key, property]) => [
          key,
          exampleValue(property, key),
        ]),
      );
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => exampleValue(items, name));
    }
    case 'string':
      return exampleString(schema, name);
    case 'integer':
    case 'number':
      return exampleNumber(schema, type);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

function exampleString(schema: JsonSchema, name: string): string {
  const formatted = FORMATTED[schema.format as string];
  if (formatted) return formatted;
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? Infinity);
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    const found = PATTERNED.find((s) => pattern.test(s) && s.length >= min && s.length <= max);
    if (!found) throw new Error(`no example string for "${name}" matches /${schema.pattern}/`);
    return found;
  }
  const text = `example-${name}`.padEnd(min, 'x');
  return text.length <= max ? text : text.slice(0, max);
}

/** 1, or the nearest value the bounds allow (zod writes safe-integer bounds on every int). */
function exampleNumber(schema: JsonSchema, type: 'integer' | 'number'): number {
  const step = type === 'integer' ? 1 : 0.5;
  const bound = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const low = bound('minimum') ?? (bound('exclusiveMinimum') ?? -Infinity) + step;
  const high = bound('maximum') ?? (bound('exclusiveMaximum') ?? Infinity) - step;
  return Math.min(Math.max(1, low), high);
}
