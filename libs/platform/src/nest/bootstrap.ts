import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '../config/config-error.js';
import type { ServiceConfig } from '../config/service-config.js';
import { inputGuardMiddleware } from '../http/input-guard.js';
import type { Logger } from '../observability/logger.js';
import { PlatformMetrics } from '../observability/metrics.js';
import { configureHttp, nestLogger } from './http-setup.js';
import { LOGGER, SERVICE_CONFIG } from './tokens.js';

/** Creates, configures and starts a service's HTTP app. */
export async function createServiceApp(module: unknown, description: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module as never, {
    bufferLogs: true,
    bodyParser: false,
    // A provider's ConfigError (e.g. a superuser runtime connection) reaches the caller instead of process.abort().
    abortOnError: false,
  });
  const logger = app.get<Logger>(LOGGER);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  app.useLogger(nestLogger(logger));
  configureHttp(app, config, logger, app.get(PlatformMetrics), description);
  // After the correlation middleware, so even a malformed or oversized body gets its correlation id.
  app.useBodyParser('json', { limit: config.limits.httpBodyBytes });
  // Before routing: what no DTO can describe (control characters, depth, Infinity, repeated query
  // parameters) is refused for every route alike.
  app.use(inputGuardMiddleware());
  return app;
}

/**
 * Starts a service. A configuration error (e.g. no credentials outside development, or a
 * runtime database role that could rewrite history) ends the process with its message and exit
 * code 78 (EX_CONFIG) instead of a stack trace.
 */
export async function bootstrapService(register: () => unknown, description: string): Promise<void> {
  const app = await configured(async () => createServiceApp(register(), description));
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  await app.listen(config.port, config.host);
  app
    .get<Logger>(LOGGER)
    .info({ port: config.port }, `${config.service} listening on http://${config.host}:${config.port} (docs at /docs)`);
}

/** `create`'s result, or exit 78 with the message of a configuration error it raised. */
async function configured<T>(create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`configuration error: ${error.message}`);
    process.exit(78);
  }
}
