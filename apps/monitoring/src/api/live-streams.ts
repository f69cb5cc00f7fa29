import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { ConfigError, LOGGER, problem, ProblemException, type Logger } from '@upgrade-control/platform';
import { ReadRecordPage } from '../application/read-record-page.query.js';
import type { RecordCursor, RecordFilter } from '../application/record-log.js';
import { formatCursor } from './live-stream-request.js';

export interface LiveStreamSettings {
  /** A comment line this often, so proxies and load balancers keep an idle connection. */
  heartbeatMs: number;
  /** Open streams at most; past it a new one gets 503 (each one polls the database). */
  maxStreams: number;
  /** How long an idle stream waits before it looks for new rows again. */
  pollMs: number;
  /** Rows per read; the next read waits until the client took this page (backpressure). */
  pageSize: number;
}

export const LIVE_STREAM_SETTINGS = Symbol('LiveStreamSettings');

/** The event as the caller may see it (EVENT_VISIBILITY), or null to leave it out of the stream. */
export type EventViewer = (event: EventEnvelope) => object | null;

/** SSE_HEARTBEAT_MS (15 000), SSE_MAX_STREAMS (100), SSE_POLL_MS (200). */
export function liveStreamSettings(env: NodeJS.ProcessEnv): LiveStreamSettings {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name}: a positive integer, not "${raw}"`);
    return value;
  };
  return {
    heartbeatMs: read('SSE_HEARTBEAT_MS', 15_000),
    maxStreams: read('SSE_MAX_STREAMS', 100),
    pollMs: read('SSE_POLL_MS', 200),
    pageSize: 100,
  };
}

const unavailable = (detail: string) =>
  new ProblemException(problem(503, 'unavailable', 'Service unavailable', detail));

/** The open live streams: admits up to the cap, and ends every one before the HTTP server closes. */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<LiveStream>();
  private closing = false;

  constructor(
    private readonly queries: QueryBus,
    @Inject(LIVE_STREAM_SETTINGS) private readonly settings: LiveStreamSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get count(): number {
    return this.open.size;
  }

  /** Starts streaming on the response, or throws (nothing written yet) when it cannot. */
  start(response: Response, cursor: RecordCursor, filter: RecordFilter, view: EventViewer): void {
    if (this.closing) throw unavailable('the service is shutting down');
    if (this.open.size >= this.settings.maxStreams) {
      response.setHeader('Retry-After', '5');
      throw unavailable(`${this.settings.maxStreams} live streams are open, the most this service serves`);
    }
    const stream = new LiveStream(this.queries, response, cursor, filter, view, this.settings, this.logger);
    this.open.add(stream);
    void stream.done.then(() => this.open.delete(stream));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.open].map((s) => s.stop()));
  }
}

/** One client's stream: pages events in commit order, waits for the client to read, ends on disconnect. */
class LiveStream {
  readonly done: Promise<void>;
  private stopped = false;
  private readonly heartbeat: NodeJS.Timeout;
  /** Resolves the current wait (poll interval or drain) early. */
  private wake: (() => void) | null = null;

  constructor(
    private readonly queries: QueryBus,
    private readonly response: Response,
    private cursor: RecordCursor,
    private readonly filter: RecordFilter,
    private readonly view: EventViewer,
    private readonly settings: LiveStreamSettings,
    private readonly logger: Logger,
  ) {
    response.socket?.setTimeout(0);
    response.socket?.setNoDelay(true);
    response.socket?.setKeepAlive(true);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.write(': stream open\n\n');
    response.on('close', () => void this.stop());
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), settings.heartbeatMs);
    this.done = this.pump()
      .catch((error: Error) => this.logger.warn({ err: error }, 'live stream ended by an error; the client resumes'))
      .finally(() => {
        this.stopped = true;
        clearInterval(this.heartbeat);
        if (!response.writableEnded) response.end();
      });
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.wake?.();
    return this.done;
  }

  /** false when the socket's buffer is full; a response already gone takes nothing (and raises nothing). */
  private write(text: string): boolean {
    if (this.response.writableEnded || this.response.destroyed) return true;
    return this.response.write(text);
  }

  private async pump(): Promise<void> {
    while (!this.stopped) {
      // One QueryBus query per page: the stream stays HTTP here, its reads go behind the RecordLog port.
      const page = await this.queries.execute(new ReadRecordPage(this.cursor, this.filter, this.settings.pageSize));
      for (const { cursor, type, envelope } of page.events) {
        if (this.stopped) return;
        // An event the caller may not see is left out; a resumed stream passes it again and leaves it out again.
        const visible = this.view(envelope);
        if (visible === null) continue;
        const name = type.replace(/[\r\n]/g, '');
        await this.send(`id: ${formatCursor(cursor)}\nevent: ${name}\ndata: ${JSON.stringify(visible)}\n\n`);
      }
      this.cursor = page.next;
      if (page.events.length < this.settings.pageSize) await this.idle();
    }
  }

  /** Writes one event; when the socket's buffer is full, waits until the client has read it. */
  private send(text: string): Promise<void> {
    if (this.write(text)) return Promise.resolve();
    return this.until((resume) => {
      this.response.once('drain', resume);
      return () => this.response.off('drain', resume);
    });
  }

  private idle(): Promise<void> {
    return this.until((resume) => {
      const timer = setTimeout(resume, this.settings.pollMs);
      return () => clearTimeout(timer);
    });
  }

  /** Waits until `arm`'s callback runs or stop() is called; `arm` returns how to disarm itself. */
  private until(arm: (resume: () => void) => () => void): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      let disarm = () => {};
      const resume = () => {
        disarm();
        this.wake = null;
        resolve();
      };
      this.wake = resume;
      disarm = arm(resume);
    });
  }
}
