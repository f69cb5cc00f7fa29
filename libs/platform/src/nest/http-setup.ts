import type { INestApplication, LoggerService } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { ServiceConfig } from '../config/service-config.js';
import { correlationMiddleware } from '../http/correlation.middleware.js';
import { corsOptions } from '../http/cors.js';
import type { Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';
import { openApiDocument } from './openapi-document.js';

/** What main.ts and the HTTP tests share: middleware and the OpenAPI document at /openapi.json and /docs. */
export function configureHttp(
  app: INestApplication,
  config: ServiceConfig,
  logger: Logger,
  metrics: PlatformMetrics,
  description: string,
): void {
  // Responses carry stream versions for If-Match; a hashed weak ETag of every body adds nothing.
  (app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void }).set('etag', false);
  app.use(correlationMiddleware(logger, metrics));
  if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => openApiDocument(app, config.service, description), {
    jsonDocumentUrl: 'openapi.json',
  });
}

/** Nest's own log lines through pino, so everything is structured JSON. */
export function nestLogger(logger: Logger): LoggerService {
  return {
    log: (message: unknown, context?: string) => logger.info({ context }, String(message)),
    error: (message: unknown, trace?: string, context?: string) => logger.error({ context, trace }, String(message)),
    warn: (message: unknown, context?: string) => logger.warn({ context }, String(message)),
    debug: (message: unknown, context?: string) => logger.debug({ context }, String(message)),
    verbose: (message: unknown, context?: string) => logger.trace({ context }, String(message)),
  };
}
