import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigError, serviceModule, TRUSTED_KEYS, trustedKeysFrom } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { DashboardController } from './api/dashboard.controller.js';
import { LIVE_STREAM_SETTINGS, LiveStreams, liveStreamSettings } from './api/live-streams.js';
import { MetricsController } from './api/metrics.controller.js';
import { MonitoringController } from './api/monitoring.controller.js';
import { RecordsController } from './api/records.controller.js';
import { RecordSignature } from './api/record-signature.js';
import { StreamTokensController } from './api/stream-tokens.controller.js';
import { GetBaselineHandler } from './application/get-baseline.query.js';
import { GetMonitoringHandler } from './application/get-monitoring.query.js';
import { GetRecordHeadHandler } from './application/get-record-head.query.js';
import { GetUpgradeHistoryHandler } from './application/get-upgrade-history.query.js';
import { GetUpgradeRecordHandler, GetUpgradeRecordMarkdownHandler } from './application/get-upgrade-record.query.js';
import { IngestMetricSamplesHandler } from './application/ingest-metric-samples.handler.js';
import { MetricSamples } from './application/metric-samples.js';
import { MonitoringFacts } from './application/monitoring-facts.js';
import { ReadRecordPageHandler } from './application/read-record-page.query.js';
import { RecordLog } from './application/record-log.js';
import { VERIFY_PAGE_SIZE, VerifyRecordLogHandler } from './application/verify-record-log.query.js';
import { ANALYSIS_TICK_MS, AnalysisRunner } from './infrastructure/analysis-runner.js';
import { SqlMetricSamples } from './infrastructure/metric-samples.read-model.js';
import { SqlMonitoringFacts } from './infrastructure/monitoring-facts.read-model.js';
import { MonitoringReactions } from './infrastructure/monitoring.reactions.js';
import { PrometheusMetricProvider } from './infrastructure/prometheus-metric-provider.js';
import { PROMETHEUS_SETTINGS, prometheusSettings } from './infrastructure/prometheus-settings.js';
import { PushedMetricProvider } from './infrastructure/pushed-metric-provider.js';
import { MONITORING_MIGRATIONS, MONITORING_READ_MODELS } from './infrastructure/read-models.js';
import { SqlRecordLog } from './infrastructure/record-log.read-model.js';
import { DETECTOR_INTERVAL_MS, EXTENSION_MINUTES, RegressionDetector } from './infrastructure/regression-detector.js';

/** AUDIT_VERIFY_PAGE_SIZE (1000): rows per read while GET /audit/verify folds the log (ADR 29). */
function verifyPageSize(raw = '1000'): number {
  const size = Number(raw);
  if (!Number.isInteger(size) || size <= 0)
    throw new ConfigError(`AUDIT_VERIFY_PAGE_SIZE: a positive integer, not "${raw}"`);
  return size;
}

/** Monitoring: commands go through the platform's Decide on the CommandBus, reads through the QueryBus. */
@Module({})
export class MonitoringModule {
  /** The service's description in its OpenAPI document. */
  static readonly description = 'Monitoring service of Upgrade Control.';

  static register(env: NodeJS.ProcessEnv = process.env, clock?: Clock): DynamicModule {
    // Read now, like the platform's configuration: without trusted keys monitoring does not start.
    const trustedKeys = trustedKeysFrom(env);
    // Read now too: a wrong PROMETHEUS_URL or credentials sent in clear stop the start (ADR 30).
    const prometheus = prometheusSettings(env);
    return serviceModule(
      MonitoringModule,
      { service: 'monitoring', env, clock, migrations: MONITORING_MIGRATIONS, readModels: MONITORING_READ_MODELS },
      {
        controllers: [
          MetricsController,
          MonitoringController,
          RecordsController,
          StreamTokensController,
          DashboardController,
        ],
        providers: [
          { provide: DETECTOR_INTERVAL_MS, useValue: Number(env.DETECTOR_INTERVAL_MS ?? 15_000) },
          // Due runs are found at this pace; each metric's intervalSeconds (10 s at least) spaces its runs.
          { provide: ANALYSIS_TICK_MS, useValue: Number(env.ANALYSIS_TICK_MS ?? 5_000) },
          { provide: EXTENSION_MINUTES, useValue: Number(env.MONITORING_EXTENSION_MINUTES ?? 240) },
          // Ports (application/) and their SQL read models (infrastructure/).
          { provide: MonitoringFacts, useClass: SqlMonitoringFacts },
          { provide: RecordLog, useClass: SqlRecordLog },
          { provide: MetricSamples, useClass: SqlMetricSamples },
          { provide: TRUSTED_KEYS, useValue: trustedKeys },
          // The analysis' metric providers (ADR 30): Prometheus when PROMETHEUS_URL is set, and the pushed samples.
          { provide: PROMETHEUS_SETTINGS, useValue: prometheus },
          PrometheusMetricProvider,
          PushedMetricProvider,
          IngestMetricSamplesHandler,
          GetMonitoringHandler,
          GetBaselineHandler,
          GetUpgradeRecordHandler,
          GetUpgradeRecordMarkdownHandler,
          GetUpgradeHistoryHandler,
          VerifyRecordLogHandler,
          { provide: VERIFY_PAGE_SIZE, useValue: verifyPageSize(env.AUDIT_VERIFY_PAGE_SIZE) },
          ReadRecordPageHandler,
          GetRecordHeadHandler,
          { provide: LIVE_STREAM_SETTINGS, useValue: liveStreamSettings(env) },
          LiveStreams,
          RecordSignature,
          MonitoringReactions,
          RegressionDetector,
          AnalysisRunner,
        ],
      },
    );
  }
}
