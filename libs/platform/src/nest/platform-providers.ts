import type { Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { getOptionsToken, getStorageToken, type ThrottlerModuleOptions } from '../http/throttler.js';
import type { ServiceName } from '@upgrade-control/contracts';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config.js';
import type { Clock } from '../domain/clock.js';
import { AuthGuard } from '../http/auth.guard.js';
import { Authenticator } from '../http/authenticator.js';
import { RateLimitGuard } from '../http/rate-limit.guard.js';
import { SlidingWindowStorage } from '../http/sliding-window-storage.js';
import { StreamTokens } from '../http/stream-tokens.js';
import { ProblemDetailsFilter } from '../http/problem.filter.js';
import { createValidationPipe } from '../http/validation.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { PlatformMetrics } from '../observability/metrics.js';
import { CLOCK, LOGGER, SERVICE_CONFIG } from './tokens.js';

/** Configuration (read from `env`), logging, metrics and the clock: what the rest is built on. */
export function coreProviders(service: ServiceName, env: NodeJS.ProcessEnv, clock: Clock): Provider[] {
  // Read now, not when Nest resolves providers: a misconfigured service fails before it starts.
  const config = loadServiceConfig(service, env);
  return [
    { provide: SERVICE_CONFIG, useValue: config },
    {
      provide: LOGGER,
      inject: [SERVICE_CONFIG],
      useFactory: (c: ServiceConfig) => createLogger(c.service, c.logLevel),
    },
    { provide: PlatformMetrics, useFactory: () => new PlatformMetrics(service) },
    { provide: CLOCK, useValue: clock },
  ];
}

/**
 * The HTTP edge every service shares: validation, problem+json errors, the rate limit per
 * principal, then authorization (guards run in this order).
 */
export function httpProviders(): Provider[] {
  return [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, inject: [LOGGER], useFactory: (logger: Logger) => new ProblemDetailsFilter(logger) },
    Authenticator,
    StreamTokens,
    {
      provide: getOptionsToken(),
      inject: [SERVICE_CONFIG],
      useFactory: ({ rateLimit }: ServiceConfig): ThrottlerModuleOptions => [
        { ttl: rateLimit.windowMs, limit: rateLimit.requests },
      ],
    },
    { provide: getStorageToken(), useClass: SlidingWindowStorage },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ];
}
