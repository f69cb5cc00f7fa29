import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { invalidInput } from './problem.js';

/**
 * Optimistic concurrency over HTTP: `If-Match: "7"` (the stream version a client last saw) makes a
 * write fail with 412 if anyone wrote since. Absent, the server retries on a concurrent write.
 */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined =>
  ifMatchVersion(ctx.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['if-match']),
);

/** The stream version an If-Match header names; a header that names none is a 400. */
export function ifMatchVersion(header: unknown): number | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!match)
    throw invalidInput([
      { field: 'If-Match', rule: 'stream-version', message: 'If-Match must be a stream version such as "3"' },
    ]);
  return Number(match[1]);
}
