import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { logContext, type Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';

/** Gives each request a correlation id (kept from x-correlation-id), logs and times it. */
export function correlationMiddleware(logger: Logger, metrics: PlatformMetrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    const header = request.header('x-correlation-id');
    const correlationId = header && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
    response.setHeader('x-correlation-id', correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.httpDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
      logContext.run({ correlationId }, () =>
        logger.info(
          {
            method: request.method,
            url: withoutAccessToken(request.originalUrl),
            status: response.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'request',
        ),
      );
    });
    logContext.run({ correlationId }, next);
  };
}

/** A stream token in the query is a credential, however short-lived: logs keep only that there was one. */
export const withoutAccessToken = (url: string): string => url.replace(/([?&]access_token=)[^&#]*/g, '$1[redacted]');
