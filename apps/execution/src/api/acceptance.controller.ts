import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CLOCK, Operation } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { GetMoment } from '../application/get-moment.query.js';
import { decideExecution } from './decide-execution.js';
import { AcceptanceCheckDto, LogReviewDto } from './execution.dto.js';
import { ExecutionWriteReply } from './execution-write.response.js';

/** Acceptance after the upgrade is applied: checks, log review, and completing the execution. */
@ApiTags('executions')
@Controller('executions/:upgradeId')
export class AcceptanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('acceptance-checks')
  @HttpCode(200)
  @Operation('recordAcceptanceCheck', {
    summary:
      'Record one acceptance check, core checks first; acceptance passes or fails when the last core check is in',
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  async check(@Param('upgradeId') upgradeId: string, @Body() dto: AcceptanceCheckDto, @Caller() caller: Caller) {
    const moment = await this.queries.execute(new GetMoment(upgradeId));
    const command = { type: 'RecordAcceptanceCheck' as const, ...dto, checkedBy: caller.actor.id, moment };
    return decideExecution(this.commands, caller, upgradeId, command, { at: moment.now });
  }

  @Post('log-review')
  @HttpCode(200)
  @Operation('recordLogReview', { summary: 'Record log review findings' })
  @ApiOkResponse({ type: ExecutionWriteReply })
  logReview(@Param('upgradeId') upgradeId: string, @Body() dto: LogReviewDto, @Caller() caller: Caller) {
    return decideExecution(this.commands, caller, upgradeId, { type: 'RecordLogReview', findings: dto.findings });
  }

  @Post('complete')
  @HttpCode(200)
  @Operation('completeExecution', {
    summary: 'Complete the execution after acceptance passed; the after-change notice is then due',
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  complete(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    const now = this.clock();
    return decideExecution(this.commands, caller, upgradeId, { type: 'CompleteExecution', now }, { at: now });
  }
}
