import { createUpgradeControlClient } from './client.js';
import { followEvents, sseMessages, type SseMessage } from './events.js';

const encoder = new TextEncoder();
async function* chunks(...parts: string[]) {
  for (const part of parts) yield encoder.encode(part);
}
async function parse(...parts: string[]): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  for await (const message of sseMessages(chunks(...parts))) messages.push(message);
  return messages;
}

describe('reading the live stream', () => {
  it('keeps the last event id for the messages after it, as EventSource does', async () => {
    expect(await parse('id: 7.1\nevent: A\ndata: {"n":1}\n\n', 'data: {"n":2}\n\n')).toEqual([
      { id: '7.1', event: 'A', data: '{"n":1}' },
      { id: '7.1', data: '{"n":2}' },
    ]);
  });

  it('moves the last event id on a block without data, which dispatches nothing', async () => {
    expect(await parse('id: 9.4\n\n', ': heartbeat\n\n', 'data: x\n\n')).toEqual([{ id: '9.4', data: 'x' }]);
  });

  it('ignores an id containing NUL', async () => {
    expect(await parse('id: 1.1\ndata: a\n\nid: 2\u0000\ndata: b\n\n')).toEqual([
      { id: '1.1', data: 'a' },
      { id: '1.1', data: 'b' },
    ]);
  });

  it('reads CRLF and CR line ends, even split across chunks, and joins data lines', async () => {
    expect(await parse('data: a\r', '\ndata: b\r\r', 'data:c\r\n\r\n')).toEqual([{ data: 'a\nb' }, { data: 'c' }]);
  });

  it('hands comment lines (the heartbeats) to onComment, dispatching nothing for them', async () => {
    const comments: string[] = [];
    const messages: SseMessage[] = [];
    for await (const message of sseMessages(chunks(': heartbeat\n\n', ':x\ndata: a\n\n'), {
      onComment: (c) => comments.push(c),
    }))
      messages.push(message);
    expect(comments).toEqual(['heartbeat', 'x']);
    expect(messages).toEqual([{ data: 'a' }]);
  });

  it('carries the retry delay the server asked for', async () => {
    expect(await parse('retry: 2500\n\ndata: a\n\n')).toEqual([{ data: 'a', retry: 2500 }]);
  });
});

describe('following the live stream', () => {
  const urls = {
    inventory: 'http://inventory.test',
    planning: 'http://planning.test',
    execution: 'http://execution.test',
    monitoring: 'http://monitoring.test',
  };

  it('reconnects after a drop with Last-Event-ID, filtered as asked', async () => {
    const requests: Request[] = [];
    const bodies = ['retry: 10\nid: 5.1\ndata: {"n":1}\n\n', 'id: 5.2\ndata: {"n":2}\n\n'];
    const fetch = async (request: Request) => {
      requests.push(request);
      const body = bodies.shift();
      return body === undefined
        ? new Response(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } })
        : new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const client = createUpgradeControlClient({ urls, apiKey: 'dev-observer', fetch });
    const seen: unknown[] = [];
    let stop = () => {};
    await new Promise<void>((resolve) => {
      stop = followEvents(
        client,
        (event) => {
          seen.push(event);
          if (seen.length === 2) resolve();
        },
        { filter: { upgradeId: 'u-1', types: ['UpgradeApproved', 'UpgradeClosed'] } },
      );
    });
    stop();
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(requests.map((r) => [r.url, r.headers.get('last-event-id')])).toEqual([
      ['http://monitoring.test/streams/events?upgradeId=u-1&type=UpgradeApproved%2CUpgradeClosed', null],
      ['http://monitoring.test/streams/events?upgradeId=u-1&type=UpgradeApproved%2CUpgradeClosed', '5.1'],
    ]);
  });
});
