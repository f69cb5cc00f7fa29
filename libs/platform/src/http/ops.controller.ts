import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Database } from '../database/database.js';
import { MESSAGE_BUS } from '../nest/tokens.js';
import type { MessageBus } from '../messaging/message-bus.js';
import { PlatformMetrics } from '../observability/metrics.js';
import { OutboxRelay } from '../messaging/outbox-relay.js';
import { Operation, Public } from './auth.js';
import { SkipThrottle } from './throttler.js';

// Probes and Prometheus come from the infrastructure at their own pace: no rate limit (restrict
// who reaches these ports instead; see README, Security).
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: Database,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly metrics: PlatformMetrics,
    private readonly relay: OutboxRelay,
  ) {}

  @Get('health/live')
  @Operation('getLiveness')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('health/ready')
  @Operation('getReadiness')
  @HealthCheck()
  ready() {
    return this.health.check([
      () =>
        this.indicators
          .check('database')
          .attempt(async () => void (await this.db.query('SELECT 1')))
          .withTimeout(3000),
      () =>
        this.indicators
          .check('kafka')
          .attempt(() => this.bus.ping())
          .withTimeout(5000),
      // Still ready (it serves and publishes everything else), but an operator must look.
      () => {
        const parked = this.relay.parked;
        return this.indicators.check('relay').up({ state: parked > 0 ? 'degraded' : 'ok', parkedEvents: parked });
      },
    ]);
  }

  @Get('metrics')
  @Operation('getPrometheusMetrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
