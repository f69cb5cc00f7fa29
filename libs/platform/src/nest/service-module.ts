import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { EventPlatformModule, type EventPlatformOptions } from './event-platform.module.js';

/** What a service brings to the platform: its HTTP edge, its ports wired to their implementations, its timers and reactions. */
export interface ServiceParts {
  controllers: Type<unknown>[];
  providers: Provider[];
}

/**
 * A service's root module: the event platform for it (with its migrations and read models) and
 * its own parts. The service module stays the one place that wires a port to its implementation.
 */
export function serviceModule(
  module: Type<unknown>,
  platform: EventPlatformOptions,
  parts: ServiceParts,
): DynamicModule {
  return { module, imports: [EventPlatformModule.forService(platform)], ...parts };
}
