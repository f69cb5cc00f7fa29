import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { z } from 'zod';

/** What a contract property documents beside its shape. */
export interface ContractPropertyOptions {
  description?: string;
  example: unknown;
  /** The answer holds null instead when there is none yet. */
  nullable?: boolean;
}

/**
 * A response property whose shape a zod schema states: an event contract's (or a part of it), so
 * an answer that returns payloads as the events carry them is documented from the contract itself
 * and cannot drift from what the events hold; or a shape an API states in zod to check it in specs. The schema sits under `allOf` because a bare
 * object schema's own `required` list would be taken for the property's required flag.
 */
export const ContractProperty = (schema: z.ZodType, options: ContractPropertyOptions): PropertyDecorator =>
  ApiProperty({
    allOf: [contractJsonSchema(options.nullable ? schema.nullable() : schema)],
    description: options.description,
    example: options.example,
  } as ApiPropertyOptions);

/** The JSON Schema (2020-12, OpenAPI 3.1's dialect) of a contract's output, without its `$schema`. */
export function contractJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
  return json;
}

/** Any JSON value (a configuration leaf, a value before or after a change). */
export const ANY_JSON_VALUE = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
    { type: 'null' },
  ],
} as const satisfies ApiPropertyOptions;
