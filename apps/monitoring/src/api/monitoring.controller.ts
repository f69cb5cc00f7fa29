import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, notFoundException, orThrow, Roles, TraceParent } from '@upgrade-control/platform';
import { v7 as uuidv7 } from 'uuid';
import { ExecuteMonitoringCommand } from '../application/monitoring.commands.js';
import { MonitoringFacts } from '../application/monitoring-facts.js';
import type { MonitoringCommand } from '../domain/monitoring.decider.js';
import { BaselineDto, FollowUpDto, IncidentDto, ResolutionDto } from './monitoring.dto.js';

@ApiTags('monitoring')
@Controller()
export class MonitoringController {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: MonitoringFacts,
  ) {}

  @Get('monitoring/:upgradeId')
  @ApiOperation({ summary: 'The monitoring of an upgrade: baselines, period, open regressions and incidents' })
  async get(@Param('upgradeId') upgradeId: string) {
    const state = await this.facts.state(upgradeId);
    if (state.status === 'New') throw notFoundException(`nothing is monitored for upgrade ${upgradeId}`);
    return { status: state.status, ...state.watch };
  }

  @Post('monitoring/:upgradeId/baselines')
  @Roles('observer', 'operator')
  @ApiOperation({
    summary: 'Capture a baseline for an asset from its samples over a reference period before the upgrade',
  })
  async baseline(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: BaselineDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    const metrics = await this.facts.baseline(dto.assetId, dto.from, dto.to);
    return this.run(upgradeId, { type: 'CaptureBaseline', upgradeId, ...dto, metrics }, actor, trace);
  }

  @Post('monitoring/:upgradeId/incidents')
  @Roles('operator')
  @ApiOperation({ summary: 'Report an incident from user feedback' })
  incident(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: IncidentDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(
      upgradeId,
      {
        type: 'ReportIncident',
        upgradeId,
        incidentId: dto.incidentId ?? uuidv7(),
        summary: dto.summary,
        severity: dto.severity,
        reportedBy: actor.id,
      },
      actor,
      trace,
    );
  }

  @Post('monitoring/:upgradeId/incidents/:incidentId/resolve')
  @Roles('operator')
  @ApiOperation({ summary: 'Resolve an incident' })
  resolve(
    @Param('upgradeId') upgradeId: string,
    @Param('incidentId') incidentId: string,
    @Body() dto: ResolutionDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'ResolveIncident', incidentId, resolution: dto.resolution }, actor, trace);
  }

  @Post('records/:upgradeId/follow-ups')
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Add a known issue or follow-up action to the upgrade record' })
  followUp(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: FollowUpDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(
      upgradeId,
      {
        type: 'AddFollowUp',
        upgradeId,
        followUpId: dto.followUpId ?? uuidv7(),
        description: dto.description,
        owner: dto.owner,
        dueOn: dto.dueOn ?? null,
      },
      actor,
      trace,
    );
  }

  @Post('records/:upgradeId/follow-ups/:followUpId/close')
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Close a follow-up action' })
  closeFollowUp(
    @Param('upgradeId') upgradeId: string,
    @Param('followUpId') followUpId: string,
    @Body() dto: ResolutionDto,
    @CurrentActor() actor: Actor,
    @TraceParent() trace: string | null,
  ) {
    return this.run(upgradeId, { type: 'CloseFollowUp', followUpId, resolution: dto.resolution }, actor, trace);
  }

  private async run(upgradeId: string, command: MonitoringCommand, actor: Actor, traceparent: string | null) {
    const result = orThrow(
      await this.commands.execute(new ExecuteMonitoringCommand(upgradeId, command, { actor, traceparent })),
    );
    return { upgradeId, streamVersion: result.streamVersion };
  }
}
