import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as AsyncAPI 3's default schema format reads it: a JSON Schema draft-07 superset.
 * The `$schema` zod adds is dropped, as the document's schema format already says which draft.
 */
export function asyncApiSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}
