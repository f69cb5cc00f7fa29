import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { InventoryView1764000000150 } from '@upgrade-control/inventory-view';
import { EventPlatformModule, EventStore } from '@upgrade-control/platform';
import { NOTICE_LEAD_TIMES, noticeLeadTimesFrom } from './application/notice-lead-times.js';
import { PlanFacts } from './application/plan-facts.js';
import { DeclareChangeFreezeHandler, ExecutePlanCommandHandler } from './application/planning.handlers.js';
import { CalendarController } from './api/calendar.controller.js';
import { PlanCommandRunner } from './api/plan-command-runner.js';
import { PlanContentController } from './api/plan-content.controller.js';
import { UpgradesController } from './api/upgrades.controller.js';
import { planningProjection } from './infrastructure/plan-projection.js';
import { PlanningReactions } from './infrastructure/planning-reactions.js';
import { PlanningReadModel1764000000200 } from './infrastructure/planning-read-model.migration.js';

@Module({})
export class PlanningModule implements OnModuleInit {
  constructor(private readonly store: EventStore) {}

  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: PlanningModule,
      imports: [
        EventPlatformModule.forService({
          service: 'planning',
          env,
          migrations: [InventoryView1764000000150, PlanningReadModel1764000000200],
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
    this.store.addInlineProjection(planningProjection(this.store));
  }
}
