import http from 'node:http';
import { PassThrough } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { sseMessages, type SseMessage } from '@upgrade-control/client';
import { eventually } from './environment.js';

export type { SseMessage };

/**
 * The live stream of an in-process service over node:http, read by the client's parser
 * (libs/client sseMessages: one reading of the wire format for tests, demo and client). It keeps
 * everything it received, so tests can assert on the messages, the heartbeats and the bytes as sent.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  /** The comment lines (heartbeats), as sseMessages hands them over. */
  readonly comments: string[] = [];
  /** The body of a refused request (problem+json), or the raw stream. */
  text = '';
  /** Resolves once the response ended (or was closed) and every message in it was read. */
  readonly ended: Promise<void>;

  private constructor(
    private readonly request: http.ClientRequest,
    readonly response: http.IncomingMessage,
  ) {
    // The bytes go both to `text` and to the parser: one 'data' listener feeds both.
    const body = new PassThrough();
    const decoder = new TextDecoder();
    const finish = () => {
      if (!body.writableEnded) body.end();
    };
    response.on('data', (chunk: Buffer) => {
      this.text += decoder.decode(chunk, { stream: true });
      body.write(chunk);
    });
    response.on('end', finish);
    response.on('close', finish);
    response.on('error', finish);
    this.ended = (async () => {
      for await (const message of sseMessages(body, { onComment: (text) => this.comments.push(text) }))
        this.messages.push(message);
    })();
  }

  /** Opens the stream; resolves once the status line and headers arrived. */
  static async open(
    app: NestExpressApplication,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<SseClient> {
    const server = app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return new Promise((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream', ...headers } },
        (response) => resolve(new SseClient(request, response)),
      );
      request.on('error', reject);
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** The parsed data of every event received so far. */
  data<T = unknown>(): T[] {
    return this.messages.map((m) => JSON.parse(m.data) as T);
  }

  async waitFor(count: number, what = `${count} events`, timeoutMs = 30_000): Promise<SseMessage[]> {
    await eventually(async () => this.messages.length >= count, timeoutMs, `${what} (have ${this.messages.length})`);
    return this.messages.slice(0, count);
  }

  /** Disconnects, as a browser tab that closes. */
  close(): void {
    this.request.destroy();
  }
}
