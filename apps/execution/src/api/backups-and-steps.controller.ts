import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CLOCK, Operation } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { decideExecution } from './decide-execution.js';
import { GetMoment } from '../application/get-moment.query.js';
import { CompleteStepDto, FailStepDto, SkipStepDto } from './execution.dto.js';
import { ExecutionWriteReply } from './execution-write.response.js';

/** The work of a running execution: runbook steps (started, completed, failed or skipped), the upgrade applied. */
@ApiTags('executions')
@Controller('executions/:upgradeId')
export class BackupsAndStepsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('steps/:stepId/start')
  @HttpCode(200)
  @Operation('startStep', { summary: 'Start a runbook step' })
  @ApiOkResponse({ type: ExecutionWriteReply })
  startStep(@Param('upgradeId') upgradeId: string, @Param('stepId') stepId: string, @Caller() caller: Caller) {
    const now = this.clock();
    const command = { type: 'StartStep' as const, stepId, operator: caller.actor.id, now };
    return decideExecution(this.commands, caller, upgradeId, command, { at: now });
  }

  @Post('steps/:stepId/complete')
  @HttpCode(200)
  @Operation('completeStep', { summary: 'Complete a runbook step with its output and configuration changes' })
  @ApiOkResponse({ type: ExecutionWriteReply })
  completeStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @Body() dto: CompleteStepDto,
    @Caller() caller: Caller,
  ) {
    const configurationChanges = (dto.configurationChanges ?? []).map((c) => ({
      assetId: c.assetId,
      path: c.path,
      before: c.before ?? null,
      after: c.after ?? null,
    }));
    return decideExecution(this.commands, caller, upgradeId, {
      type: 'CompleteStep',
      stepId,
      operator: caller.actor.id,
      outputSummary: dto.outputSummary,
      durationSeconds: dto.durationSeconds,
      configurationChanges,
    });
  }

  @Post('steps/:stepId/fail')
  @HttpCode(200)
  @Operation('failStep', {
    summary: "Record a failed runbook step; it acts by the mode of the plan's acceptance-failure trigger",
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  async failStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @Body() dto: FailStepDto,
    @Caller() caller: Caller,
  ) {
    const moment = await this.queries.execute(new GetMoment(upgradeId));
    const command = { type: 'FailStep' as const, stepId, operator: caller.actor.id, ...dto, moment };
    return decideExecution(this.commands, caller, upgradeId, command, { at: moment.now });
  }

  @Post('steps/:stepId/skip')
  @HttpCode(200)
  @Operation('skipStep', {
    summary: 'Skip a runbook step that is not running or completed (an approver, with a reason)',
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  skipStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @Body() dto: SkipStepDto,
    @Caller() caller: Caller,
  ) {
    const command = { type: 'SkipStep' as const, stepId, reason: dto.reason, skippedBy: caller.actor };
    return decideExecution(this.commands, caller, upgradeId, command);
  }

  @Post('apply')
  @HttpCode(200)
  @Operation('applyUpgrade', {
    summary:
      'Record the upgrade as applied; refused (422) until every planned backup is verified and every runbook step completed or skipped',
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  apply(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    const now = this.clock();
    return decideExecution(this.commands, caller, upgradeId, { type: 'ApplyUpgrade', now }, { at: now });
  }
}
