import { Body, Controller, Inject, Param, Post, HttpCode } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Caller, CLOCK, Operation } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { GetMoment } from '../application/get-moment.query.js';
import { decideExecution } from './decide-execution.js';
import { CompleteRollbackDto, ForwardFixDto, RollbackDecisionDto, TriggerRollbackDto } from './execution.dto.js';
import { ExecutionWriteReply } from './execution-write.response.js';

/** The way back (a rollback, decided or triggered, and its completion) or forward (a forward fix). */
@ApiTags('executions')
@Controller('executions/:upgradeId')
export class RollbackController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('rollback')
  @HttpCode(200)
  @Operation('triggerRollback', {
    summary:
      "Trigger the rollback (the plan's decision owner or an approver); never blocked by a freeze, recorded as break-glass there",
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  async rollback(@Param('upgradeId') upgradeId: string, @Body() dto: TriggerRollbackDto, @Caller() caller: Caller) {
    const moment = await this.queries.execute(new GetMoment(upgradeId));
    const command = {
      type: 'TriggerRollback' as const,
      reason: dto.reason,
      decidedBy: caller.actor,
      breakGlassWhy: dto.breakGlassWhy ?? null,
      moment,
    };
    return decideExecution(this.commands, caller, upgradeId, command, { at: moment.now });
  }

  @Post('rollback-decision')
  @HttpCode(200)
  @Operation('decideRollback', { summary: 'Decide a requested rollback: roll back or continue' })
  @ApiOkResponse({ type: ExecutionWriteReply })
  async decide(@Param('upgradeId') upgradeId: string, @Body() dto: RollbackDecisionDto, @Caller() caller: Caller) {
    const moment = await this.queries.execute(new GetMoment(upgradeId));
    const command = { type: 'DecideRollback' as const, ...dto, decidedBy: caller.actor, moment };
    return decideExecution(this.commands, caller, upgradeId, command, { at: moment.now });
  }

  @Post('rollback/complete')
  @HttpCode(200)
  @Operation('completeRollback', { summary: 'Record the rollback as done: the previous versions are back' })
  @ApiOkResponse({ type: ExecutionWriteReply })
  rollbackDone(@Param('upgradeId') upgradeId: string, @Body() dto: CompleteRollbackDto, @Caller() caller: Caller) {
    const now = this.clock();
    const command = { type: 'CompleteRollback' as const, dataLossExposure: dto.dataLossExposure, now };
    return decideExecution(this.commands, caller, upgradeId, command, { at: now });
  }

  @Post('forward-fix')
  @HttpCode(200)
  @Operation('declareForwardFix', { summary: 'Declare a forward fix (the only way on for forward-fix-only plans)' })
  @ApiOkResponse({ type: ExecutionWriteReply })
  forwardFix(@Param('upgradeId') upgradeId: string, @Body() dto: ForwardFixDto, @Caller() caller: Caller) {
    const command = { type: 'DeclareForwardFix' as const, plan: dto.plan, declaredBy: caller.actor.id };
    return decideExecution(this.commands, caller, upgradeId, command);
  }
}
