import http from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { eventually } from './environment.js';

export interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/**
 * A minimal EventSource over node:http: parses the wire format (fields, comments, blank-line
 * dispatch) and keeps everything it received, so tests can assert on the bytes as sent.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  /** The body of a refused request (problem+json), or the raw stream. */
  text = '';
  readonly ended: Promise<void>;
  private buffer = '';

  private constructor(
    private readonly request: http.ClientRequest,
    readonly response: http.IncomingMessage,
  ) {
    response.setEncoding('utf8');
    this.ended = new Promise((resolve) => {
      response.on('end', resolve);
      response.on('close', resolve);
      response.on('error', () => resolve());
    });
    response.on('data', (chunk: string) => {
      this.text += chunk;
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 2);
      }
    });
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

  private dispatch(block: string): void {
    const message: SseMessage = { id: undefined, event: undefined, data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') message.id = value;
      else if (field === 'event') message.event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    message.data = data.join('\n');
    this.messages.push(message);
  }
}
