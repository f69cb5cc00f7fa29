import { definitionAt } from './catalogue.js';

export type PayloadCheck =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; reason: 'unknown-type' | 'invalid-payload'; message: string };

/** Checks a payload against the contract of its exact type and schema version. */
export function checkPayload(type: string, schemaVersion: number, payload: unknown): PayloadCheck {
  const definition = definitionAt(type, schemaVersion);
  if (!definition) return { ok: false, reason: 'unknown-type', message: `no contract for ${type} v${schemaVersion}` };
  const result = definition.schema.safeParse(payload);
  if (result.success) return { ok: true, payload: result.data as Record<string, unknown> };
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  return { ok: false, reason: 'invalid-payload', message: `${type} v${schemaVersion}: ${issues}` };
}
