import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Operation } from '@upgrade-control/platform';
import { GetMoment } from '../application/get-moment.query.js';
import { decideExecution } from './decide-execution.js';
import { ExecutionWriteReply } from './execution-write.response.js';

/** A staged rollout's promotion: the next wave starts (ADR 37). */
@ApiTags('executions')
@Controller('executions/:upgradeId/waves')
export class WavesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':wave/promote')
  @HttpCode(200)
  @Operation('promoteWave', {
    summary:
      "Start the next wave: only after the running wave passed acceptance and baked healthy, inside the next wave's window, outside freezes; by an approver when the plan says promotion: approval (422 otherwise)",
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  async promote(@Param('upgradeId') upgradeId: string, @Param('wave') wave: string, @Caller() caller: Caller) {
    // The moment holds the freezes in force now: a freeze declared mid-rollout blocks the promotion.
    const moment = await this.queries.execute(new GetMoment(upgradeId));
    const command = { type: 'PromoteWave' as const, wave, promotedBy: caller.actor, moment };
    return decideExecution(this.commands, caller, upgradeId, command, { at: moment.now });
  }
}
