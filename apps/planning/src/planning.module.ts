import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, EventPlatformModule, EventStore, registerReadModels } from '@upgrade-control/platform';
import { NOTICE_LEAD_TIMES, noticeLeadTimesFrom } from './application/notice-lead-times.js';
import { PlanFacts } from './application/plan-facts.js';
import { DeclareChangeFreezeHandler, ExecutePlanCommandHandler } from './application/planning.handlers.js';
import { CalendarController } from './api/calendar.controller.js';
import { PlanCommandRunner } from './api/plan-command-runner.js';
import { PlanContentController } from './api/plan-content.controller.js';
import { UpgradesController } from './api/upgrades.controller.js';
import { PlanningReactions } from './infrastructure/planning-reactions.js';
import { PLANNING_MIGRATIONS, PLANNING_READ_MODELS } from './infrastructure/read-models.js';

@Module({})
export class PlanningModule implements OnModuleInit {
  constructor(
    private readonly store: EventStore,
    private readonly consumer: EventConsumer,
  ) {}

  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: PlanningModule,
      imports: [
        EventPlatformModule.forService({
          service: 'planning',
          env,
          migrations: PLANNING_MIGRATIONS,
        }),
      ],
      controllers: [UpgradesController, PlanContentController, CalendarController],
      providers: [
        { provide: NOTICE_LEAD_TIMES, useFactory: () => noticeLeadTimesFrom(env.NOTICE_LEAD_TIMES) },
        ExecutePlanCommandHandler,
        DeclareChangeFreezeHandler,
        PlanFacts,
        PlanCommandRunner,
        PlanningReactions,
      ],
    };
  }

  onModuleInit(): void {
    registerReadModels(PLANNING_READ_MODELS, this.store, this.consumer);
  }
}
