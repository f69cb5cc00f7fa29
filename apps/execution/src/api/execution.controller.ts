import { Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiExtraModels, ApiOkResponse, ApiCreatedResponse } from '@nestjs/swagger';
import { Creates, Caller, ETagged, notFoundException, Operation, uuidv7 } from '@upgrade-control/platform';
import { GetExecution } from '../application/get-execution.query.js';
import { GetStartFacts } from '../application/get-start-facts.query.js';
import { decideExecution } from './decide-execution.js';
import { ExecutionWriteReply } from './execution-write.response.js';
import { ExecutionBackupState, ExecutionReply } from './execution.response.js';
import { ExecutionWaveProgress } from './rollout.response.js';

/** An upgrade's execution: how it stands, and its start. */
@ApiTags('executions')
@Controller('executions/:upgradeId')
export class ExecutionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Operation('getExecution', { summary: 'The execution as its events make it now; its ETag is the stream version' })
  @ETagged()
  @ApiOkResponse({ type: ExecutionReply })
  @ApiExtraModels(ExecutionBackupState, ExecutionWaveProgress)
  async get(@Param('upgradeId') upgradeId: string) {
    const execution = await this.queries.execute(new GetExecution(upgradeId));
    if (!execution) throw notFoundException(`no execution has started for upgrade ${upgradeId}`);
    return execution;
  }

  @Post('start')
  @Creates((r: { upgradeId: string }) => `/executions/${r.upgradeId}`)
  @Operation('startExecution', {
    summary:
      'Start: only for a ready plan, inside its window, outside freezes, with compatibility re-checked, a window that still holds every part and the rollback, and a baseline for each trigger metric (422 otherwise)',
  })
  @ApiCreatedResponse({ type: ExecutionWriteReply })
  async start(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    const { readiness, findings, impactedFreezes, evidence, moment } = await this.queries.execute(
      new GetStartFacts(upgradeId),
    );
    const command = {
      type: 'StartExecution' as const,
      upgradeId,
      executionId: uuidv7(),
      readiness,
      findings,
      impactedFreezes,
      evidence,
      operator: caller.actor.id,
      moment,
    };
    return decideExecution(this.commands, caller, upgradeId, command, {
      causationId: readiness?.readyEventId ?? null,
      at: moment.now,
    });
  }
}
