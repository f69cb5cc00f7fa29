import { Body, Controller, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Operation, uuidv7 } from '@upgrade-control/platform';
import { GetAssetFacts } from '../application/get-asset-facts.query.js';
import { GetCompatibilityFindings } from '../application/get-compatibility-findings.query.js';
import { GetImpactFacts } from '../application/get-impact-facts.query.js';
import { MONITORING_MINIMUMS } from '../application/monitoring-minimums.js';
import { PROMQL_SYNTAX } from '../application/promql-syntax.js';
import type { PromqlSyntax } from '../domain/analysis.js';
import type { MonitoringMinimums } from '../domain/policy.js';
import { AnalysisDto, analysisMetricsOf } from './analysis.dto.js';
import { BackupPlanDto, RehearsalDto, RollbackPlanDto } from './backup-and-rollback.dto.js';
import { decidePlan, planFound } from './decide-plan.js';
import { AddTargetDto, AssessImpactDto, WaiverDto } from './proposal.dto.js';
import { AcceptanceCriteriaDto, MonitoringPeriodDto, RunbookDto, TestEvidenceDto } from './verification.dto.js';
import { CompatibilityAssessmentReply, UpgradePlanReply } from './plan-replies.response.js';

/** The content of a draft plan: targets, assessments and the plans each gate asks for. */
@ApiTags('upgrades')
@Controller('upgrades/:upgradeId')
export class PlanContentController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(MONITORING_MINIMUMS) private readonly monitoringMinimums: MonitoringMinimums,
    @Inject(PROMQL_SYNTAX) private readonly promql: PromqlSyntax,
  ) {}

  @Post('targets')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('addUpgradeTarget', {
    summary: 'Add an asset to the plan (impact and compatibility must then be assessed again)',
  })
  async addTarget(@Param('upgradeId') upgradeId: string, @Body() dto: AddTargetDto, @Caller() caller: Caller) {
    const [current = null] = await this.queries.execute(new GetAssetFacts([dto.assetId]));
    return decidePlan(this.commands, caller, upgradeId, { type: 'AddTarget', ...dto, current });
  }

  @Post('impact')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('assessImpact', { summary: 'Assess business impact from the dependency graph; records the risk score' })
  async assessImpact(@Param('upgradeId') upgradeId: string, @Body() dto: AssessImpactDto, @Caller() caller: Caller) {
    const facts = planFound(await this.queries.execute(new GetImpactFacts(upgradeId)), upgradeId);
    return decidePlan(this.commands, caller, upgradeId, { type: 'AssessImpact', facts, slaNote: dto.slaNote ?? null });
  }

  @Post('compatibility')
  @HttpCode(200)
  @ApiOkResponse({ type: CompatibilityAssessmentReply })
  @Operation('assessCompatibility', {
    summary: 'Assess the targets against the compatibility rules and the versions around them',
  })
  async assessCompatibility(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    const findings = planFound(await this.queries.execute(new GetCompatibilityFindings(upgradeId)), upgradeId);
    return {
      ...(await decidePlan(this.commands, caller, upgradeId, { type: 'AssessCompatibility', findings })),
      findings,
    };
  }

  @Post('compatibility/waivers')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('waiveCompatibilityFinding', {
    summary:
      'Waive an incompatible finding (its ruleId) or an unknown pair (no ruleId), with the reason; approvers only, ' +
      'never on their own plan, recorded as the authenticated approver',
  })
  waive(@Param('upgradeId') upgradeId: string, @Body() dto: WaiverDto, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, {
      type: 'WaiveCompatibility',
      ...dto,
      ruleId: dto.ruleId ?? null,
      approver: caller.actor,
    });
  }

  @Post('backups')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('planBackup', {
    summary: 'Plan a backup: what, method, location, retention, restore method and expected restore time',
  })
  planBackup(@Param('upgradeId') upgradeId: string, @Body() dto: BackupPlanDto, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, {
      type: 'PlanBackup',
      ...dto,
      backupId: dto.backupId ?? uuidv7(),
    });
  }

  @Put('rollback-plan')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('defineRollbackPlan', {
    summary:
      'Define how rollback happens: decision owner, triggers, steps, duration, data-loss exposure, reversibility',
  })
  planRollback(@Param('upgradeId') upgradeId: string, @Body() dto: RollbackPlanDto, @Caller() caller: Caller) {
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
      irreversibleAcknowledgedBy: null,
      confirmTimeoutMinutes: dto.confirmTimeoutMinutes ?? 15,
      defaultDecision: dto.defaultDecision ?? ('rollback' as const),
    };
    return decidePlan(this.commands, caller, upgradeId, command);
  }

  @Post('rollback-rehearsals')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('recordRollbackRehearsal', { summary: 'Record a rollback rehearsal and its result' })
  rehearse(@Param('upgradeId') upgradeId: string, @Body() dto: RehearsalDto, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, {
      type: 'RecordRollbackRehearsal',
      ...dto,
      notes: dto.notes ?? '',
    });
  }

  @Put('acceptance-criteria')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('defineAcceptanceCriteria', {
    summary: 'Define what "successful" means: ordered, core functions first, each with a kind and a pass condition',
  })
  defineAcceptance(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: AcceptanceCriteriaDto,
    @Caller() caller: Caller,
  ) {
    const criteria = dto.criteria.map((c) => ({ ...c, criterionId: c.criterionId ?? uuidv7() }));
    return decidePlan(this.commands, caller, upgradeId, { type: 'DefineAcceptanceCriteria', criteria });
  }

  @Post('test-evidence')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('recordTestEvidence', { summary: 'Record a test run in an environment that reflects production' })
  recordTest(@Param('upgradeId') upgradeId: string, @Body() dto: TestEvidenceDto, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, {
      type: 'RecordTestEvidence',
      ...dto,
      pairsCovered: dto.pairsCovered ?? [],
    });
  }

  @Put('runbook')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('defineRunbook', { summary: 'Define the ordered runbook steps execution will run' })
  defineRunbook(@Param('upgradeId') upgradeId: string, @Body() dto: RunbookDto, @Caller() caller: Caller) {
    const steps = dto.steps.map((s) => ({ ...s, stepId: s.stepId ?? uuidv7() }));
    return decidePlan(this.commands, caller, upgradeId, { type: 'DefineRunbook', steps });
  }

  @Put('monitoring-period')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('defineMonitoringPeriod', {
    summary:
      'Set how long post-release monitoring lasts (default by criticality: low 4 h, medium 24 h, high 72 h, critical 7 days; at least the policy minimum for the criticality, 422 otherwise)',
  })
  defineMonitoring(@Param('upgradeId') upgradeId: string, @Body() dto: MonitoringPeriodDto, @Caller() caller: Caller) {
    const command = { type: 'DefineMonitoringPeriod' as const, ...dto, minimums: this.monitoringMinimums };
    return decidePlan(this.commands, caller, upgradeId, command);
  }

  @Put('analysis')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('defineAnalysis', {
    summary:
      'Define the metric analysis monitoring runs after release (replaces any earlier one): per metric a PromQL or pushed query, ' +
      'interval and count, an absolute, relative or Mann-Whitney judgement against a baseline period, and limits. ' +
      'Refused (400, naming the field and rule) when a query does not parse, uses an unknown template variable or outlasts the monitoring period',
  })
  defineAnalysis(@Param('upgradeId') upgradeId: string, @Body() dto: AnalysisDto, @Caller() caller: Caller) {
    const command = { type: 'DefineAnalysis' as const, metrics: analysisMetricsOf(dto), promql: this.promql };
    return decidePlan(this.commands, caller, upgradeId, command);
  }
}
