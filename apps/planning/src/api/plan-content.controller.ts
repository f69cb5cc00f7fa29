import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, IfMatchVersion, Roles, TraceParent } from '@upgrade-control/platform';
import { v7 as uuidv7 } from 'uuid';
import { PlanCommandRunner } from './plan-command-runner.js';
import {
  AcceptanceCriteriaDto,
  AddTargetDto,
  AssessImpactDto,
  BackupPlanDto,
  RehearsalDto,
  RollbackPlanDto,
  RunbookDto,
  TestEvidenceDto,
  WaiverDto,
  MonitoringPeriodDto,
} from './plan.dto.js';

/** The content of a draft plan: targets, assessments and the plans each gate asks for. */
@ApiTags('upgrades')
@Controller('upgrades/:upgradeId')
@Roles('planner')
export class PlanContentController {
  constructor(private readonly runner: PlanCommandRunner) {}

  @Post('targets')
  @ApiOperation({ summary: 'Add an asset to the plan (impact and compatibility must then be assessed again)' })
  async addTarget(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: AddTargetDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
    @IfMatchVersion() expectedVersion?: number,
  ) {
    const current = await this.runner.facts.asset(dto.assetId);
    return this.runner.run(upgradeId, { type: 'AddTarget', ...dto, current }, { actor, traceparent, expectedVersion });
  }

  @Post('impact')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assess business impact from the dependency graph; records the risk score' })
  async assessImpact(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: AssessImpactDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const { plan } = await this.runner.plan(upgradeId);
    return this.runner.run(
      upgradeId,
      { type: 'AssessImpact', facts: await this.runner.facts.impact(plan), slaNote: dto.slaNote ?? null },
      { actor, traceparent },
    );
  }

  @Post('compatibility')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assess the targets against the compatibility rules and the versions around them' })
  async assessCompatibility(
    @Param('upgradeId') upgradeId: string,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const { plan } = await this.runner.plan(upgradeId);
    const findings = await this.runner.facts.compatibility(plan);
    return {
      ...(await this.runner.run(upgradeId, { type: 'AssessCompatibility', findings }, { actor, traceparent })),
      findings,
    };
  }

  @Post('compatibility/waivers')
  @Roles('approver')
  @ApiOperation({
    summary: 'Waive a failing compatibility finding, with the reason (approvers only, never on their own plan)',
  })
  waive(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: WaiverDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(
      upgradeId,
      { type: 'WaiveCompatibility', ...dto, approver: actor.id },
      { actor, traceparent },
    );
  }

  @Post('backups')
  @ApiOperation({
    summary: 'Plan a backup: what, method, location, retention, restore method and expected restore time',
  })
  planBackup(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: BackupPlanDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(
      upgradeId,
      { type: 'PlanBackup', ...dto, backupId: dto.backupId ?? uuidv7() },
      { actor, traceparent },
    );
  }

  @Put('rollback-plan')
  @ApiOperation({
    summary:
      'Define how rollback happens: decision owner, triggers, steps, duration, data-loss exposure, reversibility',
  })
  planRollback(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: RollbackPlanDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const triggers = dto.triggers.map((t) => ({
      triggerId: t.triggerId ?? uuidv7(),
      kind: t.kind,
      mode: t.mode,
      metric: t.metric ?? null,
      comparison: t.comparison ?? null,
      threshold: t.threshold ?? null,
      sustainedMinutes: t.sustainedMinutes ?? null,
      assetId: t.assetId ?? null,
    }));
    const command = {
      type: 'PlanRollback' as const,
      ...dto,
      triggers,
      irreversibleAcknowledgedBy: dto.irreversibleAcknowledgedBy ?? null,
      confirmTimeoutMinutes: dto.confirmTimeoutMinutes ?? 15,
      defaultDecision: dto.defaultDecision ?? ('rollback' as const),
    };
    return this.runner.run(upgradeId, command, { actor, traceparent });
  }

  @Post('rollback-rehearsals')
  @ApiOperation({ summary: 'Record a rollback rehearsal and its result' })
  rehearse(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: RehearsalDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(
      upgradeId,
      { type: 'RecordRollbackRehearsal', ...dto, notes: dto.notes ?? '' },
      { actor, traceparent },
    );
  }

  @Put('acceptance-criteria')
  @ApiOperation({
    summary: 'Define what "successful" means: ordered, core functions first, each with a kind and a pass condition',
  })
  defineAcceptance(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: AcceptanceCriteriaDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const criteria = dto.criteria.map((c) => ({ ...c, criterionId: c.criterionId ?? uuidv7() }));
    return this.runner.run(upgradeId, { type: 'DefineAcceptanceCriteria', criteria }, { actor, traceparent });
  }

  @Post('test-evidence')
  @ApiOperation({ summary: 'Record a test run in an environment that reflects production' })
  recordTest(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: TestEvidenceDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(upgradeId, { type: 'RecordTestEvidence', ...dto }, { actor, traceparent });
  }

  @Put('runbook')
  @ApiOperation({ summary: 'Define the ordered runbook steps execution will run' })
  defineRunbook(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: RunbookDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const steps = dto.steps.map((s) => ({ ...s, stepId: s.stepId ?? uuidv7() }));
    return this.runner.run(upgradeId, { type: 'DefineRunbook', steps }, { actor, traceparent });
  }

  @Put('monitoring-period')
  @ApiOperation({
    summary:
      'Set how long post-release monitoring lasts (default by criticality: low 4 h, medium 24 h, high 72 h, critical 7 days)',
  })
  defineMonitoring(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: MonitoringPeriodDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(upgradeId, { type: 'DefineMonitoringPeriod', ...dto }, { actor, traceparent });
  }
}
