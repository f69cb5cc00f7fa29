import { currentDefinition } from '@upgrade-control/contracts';
import { invalidInput } from '@upgrade-control/platform';
import { LOG_START, type RecordCursor, type RecordFilter } from '../application/record-log.js';

/** The SSE `id:` of an event: where a resumed stream continues (`<transaction id>.<seq>`). */
export const formatCursor = (cursor: RecordCursor): string => `${cursor.txId}.${cursor.seq}`;

const MAX_XID8 = 2n ** 64n - 1n;
const MAX_BIGINT = 2n ** 63n - 1n;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const refuse = (field: string, rule: string, message: string) => invalidInput([{ field, rule, message }]);

/** Last-Event-ID as this stream wrote it; anything else is refused rather than read as "from the start". */
export function parseLastEventId(header: unknown): RecordCursor {
  if (header === undefined || header === '') return LOG_START;
  const match = typeof header === 'string' ? /^(\d{1,20})\.(\d{1,19})$/.exec(header) : null;
  if (!match || BigInt(match[1]!) > MAX_XID8 || BigInt(match[2]!) > MAX_BIGINT) {
    throw refuse('Last-Event-ID', 'cursor', 'Last-Event-ID: an id this stream sent, "<transaction id>.<seq>"');
  }
  return { txId: BigInt(match[1]!).toString(), seq: BigInt(match[2]!).toString() };
}

/**
 * The query's filters. `type` is a comma-separated list (the platform's input guard refuses a
 * repeated query parameter before this runs); each name must be an event type of the catalogue.
 * `upgradeId` is one plain string.
 */
export function parseStreamFilter(query: { upgradeId?: unknown; type?: unknown }): RecordFilter {
  const filter: RecordFilter = {};
  const { upgradeId, type } = query;
  if (upgradeId !== undefined) {
    if (typeof upgradeId !== 'string') throw refuse('upgradeId', 'single-value', 'upgradeId: give it once');
    if (upgradeId.length === 0 || upgradeId.length > 200 || CONTROL.test(upgradeId)) {
      throw refuse('upgradeId', 'identifier', 'upgradeId: 1 to 200 characters, no control characters');
    }
    filter.upgradeId = upgradeId;
  }
  if (type !== undefined) {
    if (typeof type !== 'string') throw refuse('type', 'single-value', 'type: give it once, comma-separated');
    const names = [...new Set(type.split(',').map((t) => t.trim()))].filter(Boolean);
    const unknown = names.filter((t) => !currentDefinition(t));
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 5).map((t) => JSON.stringify(t.slice(0, 60)));
      throw refuse('type', 'known-event-type', `type: not an event type of the catalogue: ${shown.join(', ')}`);
    }
    if (names.length > 0) filter.types = names;
  }
  return filter;
}
