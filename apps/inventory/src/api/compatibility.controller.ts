import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Caller, Decide, Operation, orThrow, PageQuery, Paged, pageRequest, uuidv7 } from '@upgrade-control/platform';
import { CheckCompatibility } from '../application/compatibility-check.query.js';
import { ListCompatibilityRules } from '../application/compatibility-rules.query.js';
import { COMPATIBILITY_RULES } from '../application/streams.js';
import { CompatibilityCheckDto, DeclareCompatibilityRuleDto, mixedVersionsOf } from './compatibility.dto.js';
import { CompatibilityCheckReport } from './compatibility-report.response.js';
import { CompatibilityRulePage, CompatibilityRuleWriteReply } from './compatibility-rule.response.js';

@ApiTags('compatibility')
@Controller('compatibility')
export class CompatibilityController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('rules')
  @HttpCode(200)
  @Operation('declareCompatibilityRule', {
    summary:
      'Declare "product P in range R requires product Q in range S", with its source and whether the two may run at ' +
      'mixed versions (for how many days) or must be upgraded together',
  })
  @ApiOkResponse({ type: CompatibilityRuleWriteReply })
  async declare(@Body() dto: DeclareCompatibilityRuleDto, @Caller() caller: Caller) {
    const rule = {
      ruleId: dto.ruleId ?? uuidv7(),
      ...dto,
      reason: dto.reason ?? null,
      mixedVersions: mixedVersionsOf(dto.mixedVersions),
    };
    // A rule correlates with its own stream.
    const correlationId = COMPATIBILITY_RULES.streamId(rule.ruleId);
    const result = orThrow(
      await this.commands.execute(Decide.by(caller, COMPATIBILITY_RULES, rule.ruleId, rule, { correlationId })),
    );
    return { ruleId: rule.ruleId, streamVersion: result.streamVersion };
  }

  @Get('rules')
  @Operation('listCompatibilityRules', { summary: 'The declared compatibility rules by id, in pages' })
  @Paged()
  @ApiOkResponse({ type: CompatibilityRulePage })
  rules(@Query() query: PageQuery) {
    return this.queries.execute(new ListCompatibilityRules(pageRequest(query, ['string'])));
  }

  @Post('check')
  @HttpCode(200)
  @Operation('checkCompatibility', {
    summary: 'Check proposed target versions against the rules and the versions around them',
    description:
      'Findings name both assets, their versions, the rule and its source. A related pair no rule covers is "unknown", never "compatible".',
  })
  @ApiOkResponse({ type: CompatibilityCheckReport })
  async check(@Body() dto: CompatibilityCheckDto) {
    return orThrow(await this.queries.execute(new CheckCompatibility(dto.targets))).report;
  }
}
