import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@upgrade-control/contracts';
import { CurrentActor, orThrow, Roles, TraceParent } from '@upgrade-control/platform';
import { v7 as uuidv7 } from 'uuid';
import { CompatibilityCheckQuery } from '../application/compatibility-check.query.js';
import { DeclareCompatibilityRule } from '../application/inventory.commands.js';
import { InventoryReadModel } from '../infrastructure/inventory-read-model.js';
import { CompatibilityCheckDto, DeclareCompatibilityRuleDto } from './compatibility.dto.js';

@ApiTags('compatibility')
@Controller('compatibility')
export class CompatibilityController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModel: InventoryReadModel,
    private readonly checkQuery: CompatibilityCheckQuery,
  ) {}

  @Post('rules')
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Declare "product P in range R requires product Q in range S", with its source' })
  async declare(
    @Body() dto: DeclareCompatibilityRuleDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const rule = { ruleId: dto.ruleId ?? uuidv7(), ...dto, reason: dto.reason ?? null };
    const result = orThrow(await this.commands.execute(new DeclareCompatibilityRule(rule, { actor, traceparent })));
    return { ruleId: rule.ruleId, streamVersion: result.streamVersion };
  }

  @Get('rules')
  @ApiOperation({ summary: 'All declared compatibility rules' })
  rules() {
    return this.readModel.rules();
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check proposed target versions against the rules and the versions around them',
    description:
      'Findings name both assets, their versions, the rule and its source. A related pair no rule covers is "unknown", never "compatible".',
  })
  async check(@Body() dto: CompatibilityCheckDto) {
    return orThrow(await this.checkQuery.check(dto.targets)).report;
  }
}
