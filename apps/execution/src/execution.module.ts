import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { InventoryView1764000000150 } from '@upgrade-control/inventory-view';
import { EventPlatformModule, EventStore } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { ExecutionFacts } from './application/execution-facts.js';
import { ExecuteExecutionCommandHandler } from './application/execution.handler.js';
import { ExecutionController } from './api/execution.controller.js';
import { DeadlineWatchdog, WATCHDOG_INTERVAL_MS } from './infrastructure/deadline-watchdog.js';
import { projectDeadlines } from './infrastructure/deadline-projection.js';
import { ExecutionReadModel1764000000300 } from './infrastructure/execution-read-model.migration.js';
import { ExecutionReactions } from './infrastructure/regression-reactions.js';

@Module({})
export class ExecutionModule implements OnModuleInit {
  constructor(private readonly store: EventStore) {}

  static register(env: NodeJS.ProcessEnv = process.env, clock?: Clock): DynamicModule {
    return {
      module: ExecutionModule,
      imports: [
        EventPlatformModule.forService({
          service: 'execution',
          env,
          clock,
          migrations: [InventoryView1764000000150, ExecutionReadModel1764000000300],
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
    this.store.addStatementProjection(projectDeadlines);
  }
}
