import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, notFoundException, orThrow, Roles, TraceParent } from '@upgrade-control/platform';
import { v7 as uuidv7 } from 'uuid';
import { ExecuteExecutionCommand } from '../application/execution.commands.js';
import { ExecutionFacts } from '../application/execution-facts.js';
import type { ExecutionCommand } from '../domain/execution.commands.js';
import {
  AcceptanceCheckDto,
  BackupTakenDto,
  CompleteRollbackDto,
  CompleteStepDto,
  FailStepDto,
  ForwardFixDto,
  LogReviewDto,
  RollbackDecisionDto,
  TriggerRollbackDto,
  VerifyBackupDto,
} from './execution.dto.js';

@ApiTags('executions')
@Controller('executions/:upgradeId')
export class ExecutionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: ExecutionFacts,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The execution as its events make it now' })
  async get(@Param('upgradeId') upgradeId: string) {
    const state = await this.facts.state(upgradeId);
    if (state.status === 'NotStarted') throw notFoundException(`no execution has started for upgrade ${upgradeId}`);
    return { status: state.status, ...state.run };
  }

  @Post('start')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Start: only for a ready plan, inside its window, outside freezes, with compatibility re-checked (422 otherwise)',
  })
  async start(
    @Param('upgradeId') upgradeId: string,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const readiness = await this.facts.readiness(upgradeId);
    const findings = readiness ? await this.facts.findings(readiness.plan) : [];
    const command = {
      type: 'StartExecution' as const,
      upgradeId,
      executionId: uuidv7(),
      readiness,
      findings,
      operator: actor.id,
      moment: await this.facts.moment(readiness?.plan ?? null),
    };
    return this.run(upgradeId, command, actor, traceparent, readiness?.readyEventId ?? null);
  }

  @Post('backups/:backupId/taken')
  @Roles('operator')
  @ApiOperation({ summary: 'Record a planned backup as taken' })
  taken(
    @Param('upgradeId') upgradeId: string,
    @Param('backupId') backupId: string,
    @Body() dto: BackupTakenDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'RecordBackupTaken', backupId, ...dto }, actor, trace);
  }

  @Post('backups/:backupId/verification')
  @Roles('operator')
  @ApiOperation({ summary: 'Verify a backup: checksum and restore test; a failure is recorded and blocks the upgrade' })
  verify(
    @Param('upgradeId') upgradeId: string,
    @Param('backupId') backupId: string,
    @Body() dto: VerifyBackupDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'VerifyBackup', backupId, ...dto }, actor, trace);
  }

  @Post('steps/:stepId/start')
  @Roles('operator')
  @ApiOperation({ summary: 'Start a runbook step' })
  async startStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(
      upgradeId,
      { type: 'StartStep', stepId, operator: actor.id, now: (await this.facts.moment(null)).now },
      actor,
      trace,
    );
  }

  @Post('steps/:stepId/complete')
  @Roles('operator')
  @ApiOperation({ summary: 'Complete a runbook step with its output and configuration changes' })
  completeStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @Body() dto: CompleteStepDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    const configurationChanges = (dto.configurationChanges ?? []).map((c) => ({
      assetId: c.assetId,
      path: c.path,
      before: c.before ?? null,
      after: c.after ?? null,
    }));
    return this.run(
      upgradeId,
      {
        type: 'CompleteStep',
        stepId,
        operator: actor.id,
        outputSummary: dto.outputSummary,
        durationSeconds: dto.durationSeconds,
        configurationChanges,
      },
      actor,
      trace,
    );
  }

  @Post('steps/:stepId/fail')
  @Roles('operator')
  @ApiOperation({ summary: 'Record a failed runbook step' })
  failStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @Body() dto: FailStepDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'FailStep', stepId, operator: actor.id, ...dto }, actor, trace);
  }

  @Post('apply')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Record the upgrade as applied; refused (422) until every planned backup is verified' })
  async apply(
    @Param('upgradeId') upgradeId: string,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'ApplyUpgrade', now: (await this.facts.moment(null)).now }, actor, trace);
  }

  @Post('acceptance-checks')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Record one acceptance check, core checks first; acceptance passes or fails when the last core check is in',
  })
  async check(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: AcceptanceCheckDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(
      upgradeId,
      { type: 'RecordAcceptanceCheck', ...dto, checkedBy: actor.id, moment: await this.momentFor(upgradeId) },
      actor,
      trace,
    );
  }

  @Post('log-review')
  @Roles('operator')
  @ApiOperation({ summary: 'Record log review findings' })
  logReview(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: LogReviewDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'RecordLogReview', findings: dto.findings }, actor, trace);
  }

  @Post('rollback')
  @Roles('operator', 'approver')
  @ApiOperation({
    summary:
      "Trigger the rollback (the plan's decision owner or an approver); never blocked by a freeze, recorded as break-glass there",
  })
  async rollback(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: TriggerRollbackDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(
      upgradeId,
      {
        type: 'TriggerRollback',
        reason: dto.reason,
        decidedBy: actor,
        breakGlassWhy: dto.breakGlassWhy ?? null,
        moment: await this.momentFor(upgradeId),
      },
      actor,
      trace,
    );
  }

  @Post('rollback-decision')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Decide a requested rollback: roll back or continue' })
  async decide(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: RollbackDecisionDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(
      upgradeId,
      { type: 'DecideRollback', ...dto, decidedBy: actor, moment: await this.momentFor(upgradeId) },
      actor,
      trace,
    );
  }

  @Post('rollback/complete')
  @Roles('operator')
  @ApiOperation({ summary: 'Record the rollback as done: the previous versions are back' })
  async rollbackDone(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: CompleteRollbackDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(
      upgradeId,
      { type: 'CompleteRollback', dataLossExposure: dto.dataLossExposure, now: (await this.facts.moment(null)).now },
      actor,
      trace,
    );
  }

  @Post('forward-fix')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Declare a forward fix (the only way on for forward-fix-only plans)' })
  forwardFix(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: ForwardFixDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'DeclareForwardFix', plan: dto.plan, declaredBy: actor.id }, actor, trace);
  }

  @Post('complete')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Complete the execution after acceptance passed; the after-change notice is then due' })
  async complete(
    @Param('upgradeId') upgradeId: string,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'CompleteExecution', now: (await this.facts.moment(null)).now }, actor, trace);
  }

  private async momentFor(upgradeId: string) {
    return this.facts.moment((await this.facts.readiness(upgradeId))?.plan ?? null);
  }

  private async run(
    upgradeId: string,
    command: ExecutionCommand,
    actor: Actor,
    traceparent: string | null,
    causationId: string | null = null,
  ) {
    const result = orThrow(
      await this.commands.execute(new ExecuteExecutionCommand(upgradeId, command, { actor, traceparent }, causationId)),
    );
    return { upgradeId, streamVersion: result.streamVersion, events: result.events.map((e) => e.type) };
  }
}
