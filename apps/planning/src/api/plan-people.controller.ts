import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Operation } from '@upgrade-control/platform';
import { decidePlan } from './decide-plan.js';
import { DecisionOwnerDto, SupportRolesDto } from './people.dto.js';
import { UpgradePlanReply } from './plan-replies.response.js';

/** The people a plan relies on act themselves: the caller is who accepts or acknowledges. */
@ApiTags('upgrades')
@Controller('upgrades/:upgradeId')
export class PlanPeopleController {
  constructor(private readonly commands: CommandBus) {}

  @Put('support-roles')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('requireSupportRoles', {
    summary:
      'Name the support roles that must be on call for the whole window (after approval, a change needs approval again)',
  })
  requireSupportRoles(@Param('upgradeId') upgradeId: string, @Body() dto: SupportRolesDto, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, { type: 'RequireSupportRoles', roles: dto.roles });
  }

  @Post('rollback-plan/decision-owner')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('acceptRollbackDecisionOwnership', {
    summary:
      'The decision owner the rollback plan names accepts the role, as themselves (the rollback gate waits for it)',
  })
  acceptDecision(@Param('upgradeId') upgradeId: string, @Body() _: DecisionOwnerDto, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, {
      type: 'AcceptRollbackDecisionOwnership',
      principal: caller.actor.id,
    });
  }

  @Post('irreversible-acknowledgements')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('acknowledgeIrreversibleChange', {
    summary: 'An approver (not the requester) acknowledges that a forward-fix-only change cannot be rolled back',
  })
  acknowledgeIrreversible(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, {
      type: 'AcknowledgeIrreversibleChange',
      approver: caller.actor.id,
    });
  }
}
