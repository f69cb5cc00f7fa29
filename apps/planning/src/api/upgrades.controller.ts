import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiQuery, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Caller, CLOCK, Creates, ETagged, Operation, Paged, pageRequest, uuidv7 } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { GetAssetFacts } from '../application/get-asset-facts.query.js';
import { GetGateReport } from '../application/get-gate-report.query.js';
import { GetNoticeSubscribers } from '../application/get-notice-subscribers.query.js';
import { GetPlan } from '../application/get-plan.query.js';
import { GetReadinessFacts } from '../application/get-readiness-facts.query.js';
import { GetSubmissionFacts } from '../application/get-submission-facts.query.js';
import { GetWindowConflicts } from '../application/get-window-conflicts.query.js';
import { ListPlans } from '../application/list-plans.query.js';
import { GetOnCall } from '../application/support-roster.js';
import { ApproveDto, NoticeDto, ReasonDto, WindowDto } from './approval-and-window.dto.js';
import { decidePlan, planFound } from './decide-plan.js';
import { ListUpgradesQueryDto } from './list-upgrades.dto.js';
import { ProposeUpgradeDto } from './proposal.dto.js';
import { UpgradeGateReport } from './gate-report.response.js';
import { NoticeRequestReply, UpgradePlanReply } from './plan-replies.response.js';
import { UpgradeSummaryPage } from './upgrade-list.response.js';
import { UpgradePlan } from './upgrade-plan.response.js';

/** Where a page of the plan list ends: (proposedAt, upgradeId). */
const PLAN_CURSOR = ['timestamp', 'string'] as const;

/** An upgrade plan's lifecycle: proposal, approval, the window, readiness; and reading plans. */
@ApiTags('upgrades')
@Controller('upgrades')
export class UpgradesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Creates((r: { upgradeId: string }) => `/upgrades/${r.upgradeId}`)
  @ApiCreatedResponse({ type: UpgradePlanReply })
  @Operation('proposeUpgrade', {
    summary: 'Propose an upgrade: why (category, practical purpose), how urgent, which assets to which versions',
  })
  async propose(@Body() dto: ProposeUpgradeDto, @Caller() caller: Caller) {
    const upgradeId = dto.upgradeId ?? uuidv7();
    const current = await this.queries.execute(new GetAssetFacts(dto.targets.map((t) => t.assetId)));
    const command = {
      type: 'ProposeUpgrade' as const,
      upgradeId,
      title: dto.title,
      category: dto.category,
      purpose: dto.purpose,
      urgencyOverride: dto.urgencyOverride ?? null,
      targets: dto.targets.map((t, i) => ({ ...t, current: current[i] ?? null })),
      requestedBy: caller.actor.id,
    };
    return decidePlan(this.commands, caller, upgradeId, command);
  }

  @Get()
  @Operation('listUpgrades', { summary: 'Upgrades, newest proposed first, optionally by status, in pages' })
  @Paged()
  @ApiOkResponse({ type: UpgradeSummaryPage })
  @ApiQuery({ name: 'status', required: false, description: 'only upgrades in this status, e.g. Submitted' })
  list(@Query() query: ListUpgradesQueryDto) {
    return this.queries.execute(new ListPlans(query.status ?? null, pageRequest(query, PLAN_CURSOR)));
  }

  @Get(':upgradeId')
  @Operation('getUpgradePlan', { summary: 'The plan as its events make it now; its ETag is the stream version' })
  @ETagged()
  @ApiOkResponse({ type: UpgradePlan })
  async get(@Param('upgradeId') upgradeId: string) {
    const { status, plan, streamVersion } = planFound(await this.queries.execute(new GetPlan(upgradeId)), upgradeId);
    return { status, ...plan, streamVersion };
  }

  @Get(':upgradeId/gates')
  @ApiOkResponse({ type: UpgradeGateReport })
  @Operation('getUpgradeGates', {
    summary: 'Every gate: passed, failed, waived or not applicable, the rule it enforces and what is missing',
  })
  async gates(@Param('upgradeId') upgradeId: string) {
    return planFound(await this.queries.execute(new GetGateReport(upgradeId)), upgradeId);
  }

  @Post(':upgradeId/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('submitPlan', {
    summary: 'Send the plan to approval; refused with the gate report (422) while a pre-approval gate fails',
  })
  async submit(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    const { findings, gateFacts } = planFound(await this.queries.execute(new GetSubmissionFacts(upgradeId)), upgradeId);
    return decidePlan(this.commands, caller, upgradeId, { type: 'SubmitUpgrade', findings, gateFacts });
  }

  @Post(':upgradeId/approvals')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('approvePlan', {
    summary: 'Approve (never your own plan; critical or irreversible plans need two approvers)',
  })
  approve(@Param('upgradeId') upgradeId: string, @Body() dto: ApproveDto, @Caller() caller: Caller) {
    const command = { type: 'ApproveUpgrade' as const, approver: caller.actor.id, comment: dto.comment ?? '' };
    return decidePlan(this.commands, caller, upgradeId, command);
  }

  @Post(':upgradeId/rejections')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('rejectPlan', { summary: 'Reject the plan, with the reason' })
  reject(@Param('upgradeId') upgradeId: string, @Body() dto: ReasonDto, @Caller() caller: Caller) {
    const command = { type: 'RejectUpgrade' as const, approver: caller.actor.id, reason: dto.reason };
    return decidePlan(this.commands, caller, upgradeId, command);
  }

  @Put(':upgradeId/window')
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('scheduleMaintenanceWindow', {
    summary:
      'Schedule the maintenance window: long enough to roll back, clear of freezes, peak periods and other upgrades',
  })
  async schedule(@Param('upgradeId') upgradeId: string, @Body() dto: WindowDto, @Caller() caller: Caller) {
    const window = { startsAt: dto.startsAt, endsAt: dto.endsAt };
    const conflicts = planFound(await this.queries.execute(new GetWindowConflicts(upgradeId, window)), upgradeId);
    const onCall = await this.queries.execute(new GetOnCall(window.startsAt, window.endsAt));
    const now = this.clock();
    const command = {
      type: 'ScheduleMaintenanceWindow' as const,
      ...window,
      estimates: dto.estimates,
      conflicts,
      onCall,
      now,
    };
    return decidePlan(this.commands, caller, upgradeId, command, { at: now });
  }

  @Post(':upgradeId/notices')
  @HttpCode(200)
  @ApiOkResponse({ type: NoticeRequestReply })
  @Operation('requestNotice', {
    summary:
      'Request a notice to user groups (before the window, after it, or after a rollback): planning delivers it to each group’s subscriber endpoints; it counts once delivered',
  })
  async notify(@Param('upgradeId') upgradeId: string, @Body() dto: NoticeDto, @Caller() caller: Caller) {
    const m = dto.message;
    const message = {
      expectedTime: m.expectedTime ?? null,
      serviceImpact: m.serviceImpact ?? null,
      limitations: m.limitations ?? null,
      contact: m.contact ?? null,
      avoid: m.avoid ?? null,
      availableAgain: m.availableAgain ?? null,
      changes: m.changes ?? null,
      knownIssues: m.knownIssues ?? null,
    };
    const subscribers = await this.queries.execute(new GetNoticeSubscribers(dto.userGroups));
    const now = this.clock();
    const noticeId = uuidv7();
    const command = {
      type: 'RequestNotice' as const,
      noticeId,
      phase: dto.phase,
      userGroups: dto.userGroups,
      channel: dto.channel ?? 'webhook',
      reportedSentAt: dto.sentAt ?? null,
      message,
      requestedBy: caller.actor.id,
      subscribers,
      now,
    };
    return { ...(await decidePlan(this.commands, caller, upgradeId, command, { at: now })), noticeId };
  }

  @Post(':upgradeId/ready')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('markReadyForExecution', {
    summary:
      'Declare ready for execution: every gate is re-checked (compatibility and freezes included); 422 with the gate report otherwise',
  })
  async ready(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    const gateFacts = planFound(await this.queries.execute(new GetReadinessFacts(upgradeId)), upgradeId);
    return decidePlan(this.commands, caller, upgradeId, { type: 'MarkReadyForExecution', gateFacts });
  }

  @Post(':upgradeId/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: UpgradePlanReply })
  @Operation('cancelUpgrade', { summary: 'Withdraw the plan before execution' })
  cancel(@Param('upgradeId') upgradeId: string, @Body() dto: ReasonDto, @Caller() caller: Caller) {
    return decidePlan(this.commands, caller, upgradeId, { type: 'CancelUpgrade', reason: dto.reason });
  }
}
