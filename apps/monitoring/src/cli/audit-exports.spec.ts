import { sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { csvField, csvLines, eventsNdjson, exportBody, timelineCsv, TIMELINE_COLUMNS } from './audit-exports.js';

const event = (
  streamVersion: number,
  type: string,
  occurredAt: string,
  payload: Record<string, unknown>,
): EventEnvelope =>
  sealEnvelope({
    eventId: `0190f0a0-0000-7000-8000-00000000000${streamVersion}`,
    type,
    schemaVersion: 1,
    streamId: 'upgrade-u-1',
    streamVersion,
    occurredAt,
    producer: 'planning',
    correlationId: 'u-1',
    causationId: null,
    actor: { id: 'alice', role: 'planner' },
    payload,
    prevHash: null,
  });

describe('CSV (RFC 4180)', () => {
  it('quotes a field holding a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField('')).toBe('');
  });

  it('ends every line with CRLF, the last too', () => {
    expect(
      csvLines([
        ['a', 'b'],
        ['c,d', 'e'],
      ]),
    ).toBe('a,b\r\n"c,d",e\r\n');
  });

  it('writes the timeline with a header and one row per event, the payload as JSON', () => {
    const proposed = event(1, 'UpgradeProposed', '2026-11-26T10:00:00.000Z', { title: 'Orders, "v16"\nfinal' });
    const csv = timelineCsv([proposed]);
    expect(csv).toBe(
      `${TIMELINE_COLUMNS.join(',')}\r\n` +
        `2026-11-26T10:00:00.000Z,planning,UpgradeProposed,upgrade-u-1,1,alice,planner,${proposed.eventId},,${proposed.hash},` +
        `"{""title"":""Orders, \\""v16\\""\\nfinal""}"\r\n`,
    );
  });
});

describe('NDJSON of the events', () => {
  it('writes each whole envelope on one line, a line feed after each', () => {
    const events = [
      event(1, 'UpgradeProposed', '2026-11-26T10:00:00.000Z', { note: 'a\nb' }),
      event(2, 'UpgradeCancelled', '2026-11-26T11:00:00.000Z', {}),
    ];
    const text = eventsNdjson(events);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line)),
    ).toEqual(events);
  });
});

describe('export bodies', () => {
  const proposed = event(1, 'UpgradeProposed', '2026-11-26T10:00:00.000Z', { title: 't' });
  const cancelled = event(2, 'UpgradeCancelled', '2026-11-26T11:00:00.000Z', { reason: 'r' });

  it('narrows ndjson and csv by --since and --type, in the record’s order, and has nothing when none is left', () => {
    const since = { upgrade: 'u-1', since: new Date('2026-11-26T10:30:00Z') };
    expect(exportBody('ndjson', 'u-1', [cancelled, proposed], {})).toBe(eventsNdjson([proposed, cancelled]));
    expect(exportBody('ndjson', 'u-1', [cancelled, proposed], since)).toBe(eventsNdjson([cancelled]));
    expect(exportBody('csv', 'u-1', [cancelled, proposed], { types: new Set(['UpgradeProposed']) })).toBe(
      timelineCsv([proposed]),
    );
    expect(exportBody('csv', 'u-1', [proposed], since)).toBeNull();
    expect(exportBody('json', 'u-2', [], {})).toBeNull();
  });
});
