import { createHash } from 'node:crypto';
import type { EventEnvelope } from '@upgrade-control/contracts';
import type { PreparedStatement } from '../database/prepared-statement.js';
import type { ProjectionStatement } from './statement-projection.js';

/** The columns an append writes, in the order of eventRowValues. */
export const INSERTED_COLUMNS =
  'event_id, stream_id, stream_version, type, schema_version, occurred_at, producer, correlation_id, causation_id, actor, payload, prev_hash, hash, traceparent';
const ROW_PARAMETERS = [
  'uuid',
  'text',
  'int',
  'text',
  'int',
  'timestamptz',
  'text',
  'text',
  'text',
  'jsonb',
  'jsonb',
  'text',
  'text',
  'text',
];
const valueRows = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `(${ROW_PARAMETERS.map((cast, j) => `$${i * ROW_PARAMETERS.length + j + 1}::${cast}`)})`,
  ).join(', ');

/** Parameters in INSERTED_COLUMNS order; plain VALUES parse faster than a JSON recordset. */
export function eventRowValues(e: EventEnvelope, traceparent: string | null): unknown[] {
  return [
    e.eventId,
    e.streamId,
    e.streamVersion,
    e.type,
    e.schemaVersion,
    e.occurredAt,
    e.producer,
    e.correlationId,
    e.causationId,
    JSON.stringify(e.actor),
    JSON.stringify(e.payload),
    e.prevHash,
    e.hash,
    traceparent,
  ];
}

/**
 * The append of `sealed` after `head` as one prepared statement, with its values: the events'
 * rows, then the guard's, then each read-model statement's.
 */
export function appendStatement(
  sealed: EventEnvelope[],
  head: { version: number; hash: string | null },
  traceparent: string | null,
  inInsert: ProjectionStatement[],
): PreparedStatement {
  const values = sealed.flatMap((e) => eventRowValues(e, traceparent));
  if (head.hash !== null) values.push(sealed[0]!.streamId, head.version, head.hash);
  for (const statement of inInsert) values.push(...statement.parameters);
  return { ...appendText(sealed.length, head.hash !== null, inInsert), values };
}

/**
 * The append's SQL, per number of events, guard and read-model statements, named once. A new
 * stream needs no guard beyond the unique key; after an existing head, `events_expect_head`
 * raises unless the event the new ones were chained to is there with that hash. Read-model
 * statements run as data-modifying CTEs of the same statement, their parameters after the INSERT's.
 */
function appendText(count: number, guarded: boolean, inInsert: ProjectionStatement[]) {
  const key = [count, guarded, ...inInsert.map((p) => `${p.parameters.length}:${p.sql}`)].join('\u0000');
  let statement = appendTexts.get(key);
  if (!statement) {
    let parameters = count * ROW_PARAMETERS.length;
    const insert = guarded
      ? `INSERT INTO events (${INSERTED_COLUMNS}) SELECT * FROM (VALUES ${valueRows(count)}) AS e
         WHERE (SELECT events_expect_head($${parameters + 1}, $${parameters + 2}, $${parameters + 3}))`
      : `INSERT INTO events (${INSERTED_COLUMNS}) VALUES ${valueRows(count)}`;
    if (guarded) parameters += 3;
    const projected = inInsert.map((p, i) => {
      const cte = `projected_${i + 1} AS (${shiftParameters(p.sql, parameters)})`;
      parameters += p.parameters.length;
      return cte;
    });
    const text = projected.length
      ? `WITH appended AS (${insert} RETURNING position), ${projected.join(', ')} SELECT position FROM appended`
      : insert;
    statement = { name: `uc_append_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text };
    appendTexts.set(key, statement);
  }
  return statement;
}
const appendTexts = new Map<string, { name: string; text: string }>();

/** `$1` becomes `$(1 + by)`: projection SQL is our own code and has no `$<digit>` in literals. */
const shiftParameters = (sql: string, by: number) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
