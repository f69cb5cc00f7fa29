import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Operation } from '@upgrade-control/platform';
import { GetWaveInventory } from '../application/get-wave-inventory.query.js';
import { decidePlan, planFound } from './decide-plan.js';
import { UpgradePlanReply } from './plan-replies.response.js';
import { WavesDto, waveRequestsOf } from './waves.dto.js';

/** The plan's staged rollout (issue 18): its waves, checked against the inventory as planning sees it now. */
@ApiTags('upgrades')
@Controller('upgrades/:upgradeId')
export class PlanWavesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put('waves')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('defineWaves', {
    summary:
      'Define the staged rollout (replaces any earlier one; empty removes it): ordered waves, the first may be a pilot, each ' +
      'with targets by asset or by site/node (resolved among the plan targets now), its own window, acceptance checks, ' +
      'analysis, bake time and promotion, and what a regression does to the other waves. Refused (400, naming the field ' +
      'and rule) when a target is in no wave or two, a wave splits an upgrade-together group, the mixed-version period ' +
      'exceeds a rule, windows overlap, or a check or metric is unknown',
  })
  async defineWaves(@Param('upgradeId') upgradeId: string, @Body() dto: WavesDto, @Caller() caller: Caller) {
    const inventory = planFound(await this.queries.execute(new GetWaveInventory(upgradeId)), upgradeId);
    return decidePlan(this.commands, caller, upgradeId, {
      type: 'DefineWaves',
      waves: waveRequestsOf(dto),
      onRegression: { ...dto.onRegression },
      inventory,
    });
  }
}
