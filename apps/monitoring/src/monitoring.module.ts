import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, EventPlatformModule, EventStore, registerReadModels } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { MonitoringFacts } from './application/monitoring-facts.js';
import { ExecuteMonitoringCommandHandler } from './application/monitoring.handler.js';
import { MetricsController } from './api/metrics.controller.js';
import { MonitoringController } from './api/monitoring.controller.js';
import { LIVE_STREAM_SETTINGS, LiveStreams, liveStreamSettings } from './api/live-streams.js';
import { RecordsController } from './api/records.controller.js';
import { MonitoringReactions } from './infrastructure/monitoring-reactions.js';
import { MONITORING_MIGRATIONS, MONITORING_READ_MODELS } from './infrastructure/read-models.js';
import { RecordLog } from './infrastructure/record-log.js';
import { DETECTOR_INTERVAL_MS, EXTENSION_MINUTES, RegressionDetector } from './infrastructure/regression-detector.js';

@Module({})
export class MonitoringModule implements OnModuleInit {
  constructor(
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
  ) {}

  static register(env: NodeJS.ProcessEnv = process.env, clock?: Clock): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [
        EventPlatformModule.forService({
          service: 'monitoring',
          env,
          clock,
          migrations: MONITORING_MIGRATIONS,
        }),
      ],
      controllers: [MetricsController, MonitoringController, RecordsController],
      providers: [
        { provide: DETECTOR_INTERVAL_MS, useValue: Number(env.DETECTOR_INTERVAL_MS ?? 15_000) },
        { provide: EXTENSION_MINUTES, useValue: Number(env.MONITORING_EXTENSION_MINUTES ?? 240) },
        ExecuteMonitoringCommandHandler,
        MonitoringFacts,
        RecordLog,
        { provide: LIVE_STREAM_SETTINGS, useValue: liveStreamSettings(env) },
        LiveStreams,
        MonitoringReactions,
        RegressionDetector,
      ],
    };
  }

  onModuleInit(): void {
    registerReadModels(MONITORING_READ_MODELS, this.store, this.consumer);
  }
}
