import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, EventPlatformModule, EventStore, registerReadModels } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { ExecutionFacts } from './application/execution-facts.js';
import { ExecuteExecutionCommandHandler } from './application/execution.handler.js';
import { ExecutionController } from './api/execution.controller.js';
import { DeadlineWatchdog, WATCHDOG_INTERVAL_MS } from './infrastructure/deadline-watchdog.js';
import { EXECUTION_MIGRATIONS, EXECUTION_READ_MODELS } from './infrastructure/read-models.js';
import { ExecutionReactions } from './infrastructure/regression-reactions.js';

@Module({})
export class ExecutionModule implements OnModuleInit {
  constructor(
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
  ) {}

  static register(env: NodeJS.ProcessEnv = process.env, clock?: Clock): DynamicModule {
    return {
      module: ExecutionModule,
      imports: [
        EventPlatformModule.forService({
          service: 'execution',
          env,
          clock,
          migrations: EXECUTION_MIGRATIONS,
        }),
      ],
      controllers: [ExecutionController],
      providers: [
        { provide: WATCHDOG_INTERVAL_MS, useValue: Number(env.WATCHDOG_INTERVAL_MS ?? 5000) },
        ExecuteExecutionCommandHandler,
        ExecutionFacts,
        ExecutionReactions,
        DeadlineWatchdog,
      ],
    };
  }

  onModuleInit(): void {
    registerReadModels(EXECUTION_READ_MODELS, this.store, this.consumer);
  }
}
