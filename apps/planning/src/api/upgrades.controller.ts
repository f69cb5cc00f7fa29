import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Actor } from '@upgrade-control/contracts';
import { CLOCK, CurrentActor, IfMatchVersion, Roles, TraceParent } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { v7 as uuidv7 } from 'uuid';
import { evaluateGates } from '../domain/gates.js';
import type { NoticeLeadTimes } from '../domain/policy.js';
import { NOTICE_LEAD_TIMES } from '../application/notice-lead-times.js';
import { PlanCommandRunner } from './plan-command-runner.js';
import { ApproveDto, NoticeDto, ProposeUpgradeDto, ReasonDto, WindowDto } from './plan.dto.js';

@ApiTags('upgrades')
@Controller('upgrades')
export class UpgradesController {
  constructor(
    private readonly runner: PlanCommandRunner,
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTICE_LEAD_TIMES) private readonly leadTimes: NoticeLeadTimes,
  ) {}

  @Post()
  @Roles('planner')
  @ApiOperation({
    summary: 'Propose an upgrade: why (category, practical purpose), how urgent, which assets to which versions',
  })
  async propose(
    @Body() dto: ProposeUpgradeDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const upgradeId = dto.upgradeId ?? uuidv7();
    const targets = await Promise.all(
      dto.targets.map(async (t) => ({ ...t, current: await this.runner.facts.asset(t.assetId) })),
    );
    const command = {
      type: 'ProposeUpgrade' as const,
      upgradeId,
      title: dto.title,
      category: dto.category,
      purpose: dto.purpose,
      urgencyOverride: dto.urgencyOverride ?? null,
      targets,
      requestedBy: actor.id,
    };
    return this.runner.run(upgradeId, command, { actor, traceparent });
  }

  @Get()
  @ApiOperation({ summary: 'Upgrades, newest first, optionally by status' })
  list(@Query('status') status?: string) {
    return this.db.query(
      `SELECT upgrade_id AS "upgradeId", title, status, urgency, requested_by AS "requestedBy", window_starts AS "windowStartsAt",
              window_ends AS "windowEndsAt", stream_version AS "streamVersion" FROM plans WHERE $1::text IS NULL OR status = $1 ORDER BY updated_at DESC LIMIT 500`,
      [status ?? null],
    );
  }

  @Get(':upgradeId')
  @ApiOperation({ summary: 'The plan as its events make it now' })
  async get(@Param('upgradeId') upgradeId: string) {
    const { status, plan } = await this.runner.plan(upgradeId);
    return { status, ...plan };
  }

  @Get(':upgradeId/gates')
  @ApiOperation({
    summary: 'Every gate: passed, failed, waived or not applicable, the rule it enforces and what is missing',
  })
  async gates(@Param('upgradeId') upgradeId: string) {
    const { status, plan } = await this.runner.plan(upgradeId);
    const currentFindings = await this.runner.facts.compatibility(plan);
    const freezesInWindow = plan.window ? await this.runner.facts.freezes(plan, plan.window) : [];
    return {
      upgradeId,
      status,
      gates: evaluateGates(plan, { currentFindings, freezesInWindow, noticeLeadTimes: this.leadTimes }),
    };
  }

  @Post(':upgradeId/submit')
  @HttpCode(200)
  @Roles('planner')
  @ApiOperation({
    summary: 'Send the plan to approval; refused with the gate report (422) while a pre-approval gate fails',
  })
  async submit(
    @Param('upgradeId') upgradeId: string,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
    @IfMatchVersion() expectedVersion?: number,
  ) {
    const { plan } = await this.runner.plan(upgradeId);
    const findings = await this.runner.facts.compatibility(plan);
    const gateFacts = { currentFindings: findings, freezesInWindow: [], noticeLeadTimes: this.leadTimes };
    return this.runner.run(
      upgradeId,
      { type: 'SubmitUpgrade', findings, gateFacts },
      { actor, traceparent, expectedVersion },
    );
  }

  @Post(':upgradeId/approvals')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve (never your own plan; critical or irreversible plans need two approvers)' })
  approve(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: ApproveDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(
      upgradeId,
      { type: 'ApproveUpgrade', approver: actor.id, comment: dto.comment ?? '' },
      { actor, traceparent },
    );
  }

  @Post(':upgradeId/rejections')
  @Roles('approver')
  @ApiOperation({ summary: 'Reject the plan, with the reason' })
  reject(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: ReasonDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(
      upgradeId,
      { type: 'RejectUpgrade', approver: actor.id, reason: dto.reason },
      { actor, traceparent },
    );
  }

  @Put(':upgradeId/window')
  @Roles('planner')
  @ApiOperation({
    summary:
      'Schedule the maintenance window: long enough to roll back, clear of freezes, peak periods and other upgrades',
  })
  async schedule(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: WindowDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const { plan } = await this.runner.plan(upgradeId);
    const window = { startsAt: dto.startsAt, endsAt: dto.endsAt };
    const conflicts = {
      freezes: await this.runner.facts.freezes(plan, window),
      otherUpgrades: await this.runner.facts.otherUpgrades(plan, window),
    };
    return this.runner.run(
      upgradeId,
      { type: 'ScheduleMaintenanceWindow', ...window, estimates: dto.estimates, conflicts, now: this.clock() },
      { actor, traceparent },
    );
  }

  @Post(':upgradeId/notices')
  @Roles('planner', 'operator')
  @ApiOperation({ summary: 'Record a notice to user groups, before the window or after it' })
  notify(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: NoticeDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
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
    const command = {
      type: 'RecordNotice' as const,
      phase: dto.phase,
      userGroups: dto.userGroups,
      channel: dto.channel,
      sentAt: dto.sentAt ?? this.clock().toISOString(),
      message,
    };
    return this.runner.run(upgradeId, command, { actor, traceparent });
  }

  @Post(':upgradeId/ready')
  @HttpCode(200)
  @Roles('planner', 'approver')
  @ApiOperation({
    summary:
      'Declare ready for execution: every gate is re-checked (compatibility and freezes included); 422 with the gate report otherwise',
  })
  async ready(
    @Param('upgradeId') upgradeId: string,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    const { plan } = await this.runner.plan(upgradeId);
    const currentFindings = await this.runner.facts.compatibility(plan);
    const freezesInWindow = plan.window ? await this.runner.facts.freezes(plan, plan.window) : [];
    const gateFacts = { currentFindings, freezesInWindow, noticeLeadTimes: this.leadTimes };
    return this.runner.run(upgradeId, { type: 'MarkReadyForExecution', gateFacts }, { actor, traceparent });
  }

  @Post(':upgradeId/cancel')
  @HttpCode(200)
  @Roles('planner', 'approver')
  @ApiOperation({ summary: 'Withdraw the plan before execution' })
  cancel(
    @Param('upgradeId') upgradeId: string,
    @Body() dto: ReasonDto,
    @CurrentActor() actor: Actor,
    @TraceParent() traceparent: string | null,
  ) {
    return this.runner.run(upgradeId, { type: 'CancelUpgrade', reason: dto.reason }, { actor, traceparent });
  }
}
