import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';

/**
 * Cross-origin access for the configured origins only (CORS_ORIGINS). Credentials travel in
 * headers (x-api-key, Authorization), never cookies, so no `credentials: true`; the headers a
 * client reads (versions, pages, replays, correlation) are exposed.
 */
export const corsOptions = (origins: string[]): CorsOptions => ({
  origin: origins,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    'x-api-key',
    'x-correlation-id',
    'Idempotency-Key',
    'If-Match',
    'Last-Event-ID',
    'traceparent',
  ],
  exposedHeaders: ['ETag', 'Location', 'Link', 'Retry-After', 'Idempotent-Replayed', 'x-correlation-id'],
  maxAge: 600,
});
