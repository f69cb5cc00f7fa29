import { Module, type DynamicModule } from '@nestjs/common';
import { compatibilityDepthFrom } from '@upgrade-control/contracts';
import { serviceModule } from '@upgrade-control/platform';
import { CalendarController } from './api/calendar.controller.js';
import { PlanContentController } from './api/plan-content.controller.js';
import { PlanWavesController } from './api/plan-waves.controller.js';
import { PostImplementationReviewController } from './api/post-implementation-review.controller.js';
import { PlanPeopleController } from './api/plan-people.controller.js';
import { RosterController } from './api/roster.controller.js';
import { NoticeSubscriptionsController } from './api/notice-subscriptions.controller.js';
import { UpgradesController } from './api/upgrades.controller.js';
import {
  GetNoticeSubscribersHandler,
  ListNoticeSubscriptionsHandler,
} from './application/get-notice-subscribers.query.js';
import { NoticeSubscriptions } from './application/notice-subscriptions.js';
import { CalendarReadModel } from './application/calendar-read-model.js';
import { GetAssetFactsHandler } from './application/get-asset-facts.query.js';
import { GetCalendarHandler } from './application/get-calendar.query.js';
import { GetCompatibilityFindingsHandler } from './application/get-compatibility-findings.query.js';
import { GetWaveInventoryHandler } from './application/get-wave-inventory.query.js';
import { GetGateReportHandler } from './application/get-gate-report.query.js';
import { GetImpactFactsHandler } from './application/get-impact-facts.query.js';
import { GetPlanHandler } from './application/get-plan.query.js';
import { GetReadinessFactsHandler } from './application/get-readiness-facts.query.js';
import { GetSubmissionFactsHandler } from './application/get-submission-facts.query.js';
import { GetWindowConflictsHandler } from './application/get-window-conflicts.query.js';
import { ListPlansHandler } from './application/list-plans.query.js';
import {
  ListPostImplementationReviewsHandler,
  ListReviewFollowUpsHandler,
} from './application/list-post-implementation-reviews.query.js';
import { COMPATIBILITY_DEPTH } from './application/compatibility-depth.js';
import { MONITORING_MINIMUMS, monitoringMinimumsFrom } from './application/monitoring-minimums.js';
import { PROMQL_SYNTAX } from './application/promql-syntax.js';
import { NOTICE_LEAD_TIMES, noticeLeadTimesFrom } from './application/notice-lead-times.js';
import { PlanFacts } from './application/plan-facts.js';
import { PlanReadModel } from './application/plan-read-model.js';
import { ReviewReadModel } from './application/review-read-model.js';
import { POST_IMPLEMENTATION_REVIEW_DAYS, reviewDaysFrom } from './application/post-implementation-review-days.js';
import { GetOnCallHandler, GetRosterHandler, RosterReadModel } from './application/support-roster.js';
import { SqlCalendarReadModel } from './infrastructure/calendar.read-model.js';
import { SqlRosterReadModel } from './infrastructure/support-roster.read-model.js';
import { SqlPlanFacts } from './infrastructure/plan-facts.read-model.js';
import { lezerPromqlSyntax } from './infrastructure/promql-parser.js';
import { dispatchSettingsFrom, NOTICE_DISPATCH, NoticeDispatcher } from './infrastructure/notice-dispatcher.js';
import { SqlNoticeSubscriptions } from './infrastructure/notice-subscriptions.sql.js';
import { PlanFollowsExecution } from './infrastructure/plan-follows-execution.reactions.js';
import { RollbackNotice } from './infrastructure/rollback-notice.reaction.js';
import { RestoreEvidence } from './infrastructure/restore-evidence.reactions.js';
import { SqlPlanReadModel } from './infrastructure/plans.read-model.js';
import { SqlReviewReadModel } from './infrastructure/reviews.read-model.js';
import { PLANNING_MIGRATIONS, PLANNING_READ_MODELS } from './infrastructure/read-models.js';

/** Planning: commands go through the platform's Decide on the CommandBus, reads through the QueryBus. */
@Module({})
export class PlanningModule {
  /** The service's description in its OpenAPI document. */
  static readonly description = 'Planning service of Upgrade Control.';

  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return serviceModule(
      PlanningModule,
      { service: 'planning', env, migrations: PLANNING_MIGRATIONS, readModels: PLANNING_READ_MODELS },
      {
        controllers: [
          UpgradesController,
          PlanContentController,
          PlanWavesController,
          CalendarController,
          PostImplementationReviewController,
          PlanPeopleController,
          RosterController,
          NoticeSubscriptionsController,
        ],
        providers: [
          { provide: COMPATIBILITY_DEPTH, useFactory: () => compatibilityDepthFrom(env.COMPATIBILITY_DEPTH) },
          { provide: NOTICE_LEAD_TIMES, useFactory: () => noticeLeadTimesFrom(env.NOTICE_LEAD_TIMES) },
          {
            provide: POST_IMPLEMENTATION_REVIEW_DAYS,
            useFactory: () => reviewDaysFrom(env.POST_IMPLEMENTATION_REVIEW_DAYS),
          },
          {
            provide: MONITORING_MINIMUMS,
            useFactory: () => monitoringMinimumsFrom(env.MONITORING_MINIMUM_MINUTES),
          },
          { provide: PROMQL_SYNTAX, useValue: lezerPromqlSyntax },
          // The ports (application/) and their SQL read models (infrastructure/).
          { provide: PlanReadModel, useClass: SqlPlanReadModel },
          { provide: PlanFacts, useClass: SqlPlanFacts },
          { provide: CalendarReadModel, useClass: SqlCalendarReadModel },
          { provide: ReviewReadModel, useClass: SqlReviewReadModel },
          { provide: RosterReadModel, useClass: SqlRosterReadModel },
          GetPlanHandler,
          ListPlansHandler,
          ListPostImplementationReviewsHandler,
          ListReviewFollowUpsHandler,
          GetGateReportHandler,
          GetCalendarHandler,
          GetAssetFactsHandler,
          GetImpactFactsHandler,
          GetCompatibilityFindingsHandler,
          GetWaveInventoryHandler,
          GetSubmissionFactsHandler,
          GetWindowConflictsHandler,
          GetReadinessFactsHandler,
          GetRosterHandler,
          GetOnCallHandler,
          PlanFollowsExecution,
          // Notices as webhooks (ADR 13).
          { provide: NoticeSubscriptions, useClass: SqlNoticeSubscriptions },
          { provide: NOTICE_DISPATCH, useFactory: () => dispatchSettingsFrom(env) },
          GetNoticeSubscribersHandler,
          ListNoticeSubscriptionsHandler,
          RollbackNotice,
          NoticeDispatcher,
          RestoreEvidence,
        ],
      },
    );
  }
}
