import { definitionAt } from './catalogue.js';

export type PayloadCheck =
  | { ok: true; payload: Record<string, unknown> }
  | {
      ok: false;
      reason: 'unknown-type' | 'invalid-payload';
      message: string;
      /** Each broken rule: the payload path ('' for the whole) and what it requires. */
      issues: { path: string; message: string }[];
    };

/** Checks a payload against the contract of its exact type and schema version. */
export function checkPayload(type: string, schemaVersion: number, payload: unknown): PayloadCheck {
  const definition = definitionAt(type, schemaVersion);
  if (!definition) {
    const message = `no contract for ${type} v${schemaVersion}`;
    return { ok: false, reason: 'unknown-type', message, issues: [{ path: '', message }] };
  }
  const result = definition.schema.safeParse(payload);
  if (result.success) return { ok: true, payload: result.data as Record<string, unknown> };
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const listed = issues.map((i) => `${i.path || '(payload)'}: ${i.message}`).join('; ');
  return { ok: false, reason: 'invalid-payload', message: `${type} v${schemaVersion}: ${listed}`, issues };
}
