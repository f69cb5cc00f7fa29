import { ROLES } from '../envelope.js';
import { EVENT_VISIBILITY, type EventCategory } from './event-visibility.js';
import { OPERATIONS, type OperationRule } from './operations.js';

export const AUTHORIZATION_START = '<!-- authorization-matrix:start (npm run docs:authz) -->';
export const AUTHORIZATION_END = '<!-- authorization-matrix:end -->';

/** The roles a person or machine can hold over HTTP, in the order of the columns. */
const CALLER_ROLES = ROLES.filter((r) => r !== 'system');

/** A markdown table laid out the way prettier lays it out, so `prettier --check` leaves it as is. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const access = (rule: OperationRule, role: string) =>
  rule.access === 'public' ? 'public' : (rule.access as readonly string[]).includes(role) ? 'yes' : '';

function operationsTable(): string {
  const rows = Object.entries(OPERATIONS).map(([name, rule]: [string, OperationRule]) => [
    `\`${name}\``,
    rule.service,
    `\`${rule.method} ${rule.path}\``,
    ...CALLER_ROLES.map((role) => access(rule, role)),
  ]);
  return table(['operation', 'service', 'route', ...CALLER_ROLES], rows);
}

function eventsTable(): string {
  const rows = Object.values(EVENT_VISIBILITY).map((category: EventCategory) => {
    const types = category.types === 'every other type' ? category.types : category.types.map((t) => `\`${t}\``);
    const redactions = Object.entries(category.redactions ?? {}).map(
      ([type, paths]) => `${type}: ${paths.map((p) => `\`${p}\``).join(', ')}`,
    );
    return [
      `${category.description} (${Array.isArray(types) ? types.join(', ') : types})`,
      ...CALLER_ROLES.map((role) => (category.visibility[role] === 'none' ? '' : category.visibility[role])),
      redactions.join('; ') || '-',
    ];
  });
  return table(['events', ...CALLER_ROLES, 'a redacted view leaves out'], rows);
}

/** The section of README.md between the markers, generated from OPERATIONS and EVENT_VISIBILITY. */
export function authorizationMarkdown(): string {
  return [
    AUTHORIZATION_START,
    '',
    'Who may call what (generated from `libs/contracts/src/authorization/operations.ts`; the',
    'operation is the OpenAPI `operationId`). Any other role gets 403. No HTTP caller holds `system`.',
    '',
    operationsTable(),
    '',
    'What each role sees of the events on `GET /streams/events` and `GET /audit/upgrades/{id}/events`',
    '(`libs/contracts/src/authorization/event-visibility.ts`; empty: not served at all):',
    '',
    eventsTable(),
    '',
    AUTHORIZATION_END,
  ].join('\n');
}

/** The document with its authorization section replaced by the current one. */
export function withAuthorizationSection(document: string): string {
  const start = document.indexOf(AUTHORIZATION_START);
  const end = document.indexOf(AUTHORIZATION_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the markers ${AUTHORIZATION_START} … ${AUTHORIZATION_END}`);
  return document.slice(0, start) + authorizationMarkdown() + document.slice(end + AUTHORIZATION_END.length);
}
