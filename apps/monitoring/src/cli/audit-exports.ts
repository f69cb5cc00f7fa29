import type { EventEnvelope } from '@upgrade-control/contracts';
import { recordToMarkdown } from '../domain/record-markdown.js';
import { compileRecord, orderEvents, recordHash } from '../domain/upgrade-record.js';
import { matches, type EventFilter, type ExportFormat } from './audit-arguments.js';

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** RFC 4180 lines: fields joined by commas, every line (the last too) ended by CRLF. */
export const csvLines = (rows: readonly (readonly string[])[]): string =>
  rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');

export const TIMELINE_COLUMNS = [
  'occurredAt',
  'producer',
  'type',
  'streamId',
  'streamVersion',
  'actorId',
  'actorRole',
  'eventId',
  'causationId',
  'hash',
  'payload',
] as const;

/** The record's timeline: one row per event in the record's order, the payload as JSON. */
export const timelineCsv = (events: readonly EventEnvelope[]): string =>
  csvLines([
    TIMELINE_COLUMNS,
    ...events.map((e) => [
      e.occurredAt,
      e.producer,
      e.type,
      e.streamId,
      String(e.streamVersion),
      e.actor.id,
      e.actor.role,
      e.eventId,
      e.causationId ?? '',
      e.hash,
      JSON.stringify(e.payload),
    ]),
  ]);

/** Newline-delimited JSON: each event's whole envelope on its own line, so each line verifies alone. */
export const eventsNdjson = (events: readonly EventEnvelope[]): string =>
  events.map((e) => `${JSON.stringify(e)}\n`).join('');

/**
 * The exported bytes. json and md are the record exactly as monitoring serves it at
 * GET /records/{id}, so one signature check fits both; ndjson and csv are the upgrade's events
 * in the record's order, narrowed by --since and --type. null when no event is left to export.
 */
export function exportBody(
  format: ExportFormat,
  upgradeId: string,
  events: EventEnvelope[],
  filter: EventFilter,
): string | null {
  if (format === 'json' || format === 'md') {
    const record = compileRecord(upgradeId, events);
    if (record.eventCount === 0) return null;
    const hash = recordHash(record);
    return format === 'md' ? recordToMarkdown(record, hash) : JSON.stringify({ record, recordHash: hash });
  }
  const timeline = orderEvents(events).filter((e) => matches(filter, e));
  if (timeline.length === 0) return null;
  return format === 'csv' ? timelineCsv(timeline) : eventsNdjson(timeline);
}
