import {
  applyDecorators,
  HttpCode,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

/** The HTTP answer shapes clients rely on (ADR 22): Location, ETag and the next page's Link. */
type Exchange = { request: Request; response: Response };

const exchange = (context: ExecutionContext): Exchange => ({
  request: context.switchToHttp().getRequest<Request>(),
  response: context.switchToHttp().getResponse<Response>(),
});

class HeaderInterceptor implements NestInterceptor {
  constructor(private readonly apply: (body: unknown, exchange: Exchange) => unknown) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body: unknown) => this.apply(body, exchange(context))));
  }
}

/**
 * A POST that creates a resource with its own URL: 201, and `Location` is that URL, made from the
 * answer and the request's path (e.g. `(r) => \`/upgrades/${r.upgradeId}\``).
 */
export function Creates<T>(locationOf: (reply: T, requestPath: string) => string): MethodDecorator {
  return applyDecorators(
    HttpCode(201),
    UseInterceptors(
      new HeaderInterceptor((body, { request, response }) => {
        response.setHeader('Location', locationOf(body as T, request.originalUrl.split('?')[0]!));
        return body;
      }),
    ),
  );
}

/** The entity tag of a version: the stream version, quoted. */
export const versionTag = (version: number): string => `"${version}"`;

/**
 * A GET of one aggregate: `ETag: "<streamVersion>"` from the answer's `streamVersion`, the value
 * If-Match takes on the next write. An If-None-Match naming it answers 304 without a body.
 */
export function ETagged(): MethodDecorator {
  return applyDecorators(
    // Declared here, where the behaviour is, so the document cannot miss an ETagged route.
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'An ETag seen before: if it is still current, the answer is 304 without a body',
      schema: { type: 'string', example: '"7"' },
    }),
    ApiResponse({ status: 304, description: 'Not modified: the ETag in If-None-Match is still current' }),
    UseInterceptors(
      new HeaderInterceptor((body, { request, response }) => {
        const version = (body as { streamVersion?: unknown } | null)?.streamVersion;
        if (typeof version !== 'number') return body;
        const tag = versionTag(version);
        response.setHeader('ETag', tag);
        const ifNoneMatch = request.headers['if-none-match'];
        if (
          typeof ifNoneMatch === 'string' &&
          ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)
        ) {
          response.status(304);
          return undefined;
        }
        return body;
      }),
    ),
  );
}

/**
 * A list answered in pages: `Link: <…>; rel="next"` when the answer has a next cursor, the same
 * request with that cursor.
 */
export function Paged(): MethodDecorator {
  return UseInterceptors(
    new HeaderInterceptor((body, { request, response }) => {
      const next = (body as { next?: unknown } | null)?.next;
      if (typeof next === 'string') response.setHeader('Link', `<${nextPageUrl(request, next)}>; rel="next"`);
      return body;
    }),
  );
}

function nextPageUrl(request: Request, cursor: string): string {
  const url = new URL(request.originalUrl, 'http://service');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}
