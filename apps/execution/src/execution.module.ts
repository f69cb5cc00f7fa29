import { Module, type DynamicModule } from '@nestjs/common';
import { compatibilityDepthFrom } from '@upgrade-control/contracts';
import { serviceModule } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { AcceptanceController } from './api/acceptance.controller.js';
import { BackupsAndStepsController } from './api/backups-and-steps.controller.js';
import { BackupsController } from './api/backups.controller.js';
import { ExecutionController } from './api/execution.controller.js';
import { RollbackController } from './api/rollback.controller.js';
import { WavesController } from './api/waves.controller.js';
import { COMPATIBILITY_DEPTH } from './application/compatibility-depth.js';
import { ExecutionFacts } from './application/execution-facts.js';
import { GetExecutionHandler } from './application/get-execution.query.js';
import { GetMomentHandler } from './application/get-moment.query.js';
import { GetStartFactsHandler } from './application/get-start-facts.query.js';
import { Moments } from './application/moments.js';
import { ConfigurationSnapshotsForExecution } from './infrastructure/configuration-snapshots.reactions.js';
import { DeadlineWatchdog, WATCHDOG_INTERVAL_MS } from './infrastructure/deadline-watchdog.js';
import { SqlExecutionFacts } from './infrastructure/execution-facts.read-model.js';
import { EXECUTION_MIGRATIONS, EXECUTION_READ_MODELS } from './infrastructure/read-models.js';
import { RollbackOnRegression } from './infrastructure/rollback-on-regression.reactions.js';

/** Execution: commands go through the platform's Decide on the CommandBus, reads through the QueryBus. */
@Module({})
export class ExecutionModule {
  /** The service's description in its OpenAPI document. */
  static readonly description = 'Execution service of Upgrade Control.';

  static register(env: NodeJS.ProcessEnv = process.env, clock?: Clock): DynamicModule {
    return serviceModule(
      ExecutionModule,
      { service: 'execution', env, clock, migrations: EXECUTION_MIGRATIONS, readModels: EXECUTION_READ_MODELS },
      {
        controllers: [
          ExecutionController,
          BackupsController,
          BackupsAndStepsController,
          AcceptanceController,
          RollbackController,
          WavesController,
        ],
        providers: [
          { provide: COMPATIBILITY_DEPTH, useFactory: () => compatibilityDepthFrom(env.COMPATIBILITY_DEPTH) },
          { provide: WATCHDOG_INTERVAL_MS, useValue: Number(env.WATCHDOG_INTERVAL_MS ?? 5000) },
          // The port (application/) and its SQL read model (infrastructure/).
          { provide: ExecutionFacts, useClass: SqlExecutionFacts },
          Moments,
          GetExecutionHandler,
          GetStartFactsHandler,
          GetMomentHandler,
          RollbackOnRegression,
          ConfigurationSnapshotsForExecution,
          DeadlineWatchdog,
        ],
      },
    );
  }
}
