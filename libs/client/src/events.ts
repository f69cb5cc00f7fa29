/**
 * The live stream (`GET /streams/events`, Server-Sent Events) read as the HTML standard's
 * EventSource reads it: the last event id persists across messages and is sent back as
 * Last-Event-ID on reconnect, so a dropped connection resumes without a gap or a repeat.
 */
import { sleep } from '@upgrade-control/platform/backoff';
import type { UpgradeControlClient } from './client.js';
import { ApiProblem } from './problem.js';

export interface SseMessage {
  /** The last event id at this message (set by this or an earlier `id:` line). */
  id?: string;
  event?: string;
  data: string;
  /** The reconnection delay the server last asked for with `retry:`. */
  retry?: number;
}

export interface SseReading {
  /** Called with each comment line's text (the server's heartbeats), which dispatch nothing. */
  onComment?: (text: string) => void;
}

/**
 * Parses a text/event-stream body into messages. Lines end in LF, CRLF or CR; comment lines (the
 * server's heartbeats) dispatch nothing; a block without data dispatches nothing but may still move
 * the last event id (an id containing NUL is ignored, as the standard says).
 */
export async function* sseMessages(
  body: AsyncIterable<Uint8Array>,
  { onComment }: SseReading = {},
): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let lastEventId: string | undefined;
  let event: string | undefined;
  let data: string[] = [];
  let retry: number | undefined;
  const line = (text: string): SseMessage | undefined => {
    if (text === '') {
      const message =
        data.length > 0
          ? {
              ...(lastEventId === undefined ? {} : { id: lastEventId }),
              ...(event === undefined ? {} : { event }),
              data: data.join('\n'),
              ...(retry === undefined ? {} : { retry }),
            }
          : undefined;
      event = undefined;
      data = [];
      return message;
    }
    if (text.startsWith(':')) {
      onComment?.(text.slice(1).replace(/^ /, ''));
      return undefined;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    return undefined;
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
    let end: number;
    while ((end = buffer.search(/\r\n|\r(?!$)|\n/)) >= 0) {
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      const message = line(text.replace(/^\uFEFF/, ''));
      if (message) yield message;
    }
  }
}

export interface StreamFilter {
  upgradeId?: string;
  /** Event types (comma-separated on the wire). */
  types?: string[];
}

/** One connection to the live stream, resuming after `lastEventId` when given. */
export async function openEventStream(
  client: UpgradeControlClient,
  { filter = {}, lastEventId, signal }: { filter?: StreamFilter; lastEventId?: string; signal?: AbortSignal } = {},
): Promise<AsyncGenerator<SseMessage>> {
  const { response, error } = await client.GET('/streams/events', {
    params: {
      query: {
        ...(filter.upgradeId ? { upgradeId: filter.upgradeId } : {}),
        // One comma-separated value: the documented form (an exploded list reaches it as one string).
        ...(filter.types ? { type: [filter.types.join(',')] } : {}),
      },
    },
    headers: { accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
    parseAs: 'stream',
    signal,
  });
  if (!response.ok || !response.body)
    throw new ApiProblem('streamEvents (GET /streams/events)', response.status, error as never);
  return sseMessages(response.body);
}

/**
 * Follows the live stream, calling onEvent with each event's parsed envelope. When the connection
 * drops (a restart, a proxy) it reconnects after the server's `retry:` delay (1 s until told),
 * sending the last id seen. Returns the function that stops following.
 */
export function followEvents<Event = unknown>(
  client: UpgradeControlClient,
  onEvent: (event: Event, message: SseMessage) => void,
  { filter, onError }: { filter?: StreamFilter; onError?: (error: unknown) => void } = {},
): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = 1000;
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const messages = await openEventStream(client, { filter, lastEventId, signal: controller.signal });
        for await (const message of messages) {
          if (message.id !== undefined) lastEventId = message.id;
          if (message.retry !== undefined) retryMs = message.retry;
          onEvent(JSON.parse(message.data) as Event, message);
        }
      } catch (error) {
        if (!controller.signal.aborted) onError?.(error);
      }
      if (!controller.signal.aborted) await sleep(retryMs);
    }
  })();
  return () => controller.abort();
}
