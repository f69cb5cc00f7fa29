import type { ApiPropertyOptions } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * `@ApiProperty` options for a value that is an event contract's payload (or part of one), as
 * JSON Schema derived from the contract's zod schema: a reply that carries a recorded payload
 * is documented by the very schema the payload was checked against at append time, never by a
 * hand-written copy that could drift from it.
 */
export function contractProperty(
  schema: z.ZodType,
  docs: Pick<ApiPropertyOptions, 'description' | 'example'> = {},
): ApiPropertyOptions {
  // `selfRequired`: the property itself is required; the schema's own `required` lists its members.
  return { ...contractSchema(schema), ...docs, selfRequired: true } as ApiPropertyOptions;
}

/** The JSON Schema (2020-12, as OpenAPI 3.1 embeds it) of a contract's zod schema. */
export function contractSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

/** Any JSON value (a configuration leaf, a value before or after a change). */
export const ANY_JSON_VALUE = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object' },
    { type: 'array', items: {} },
    { type: 'null' },
  ],
} as const satisfies ApiPropertyOptions;
