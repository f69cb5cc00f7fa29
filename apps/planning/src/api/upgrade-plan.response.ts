import { ApiProperty } from '@nestjs/swagger';
import * as E from '@upgrade-control/contracts';
import { ContractProperty } from '@upgrade-control/platform';
import { PLAN_STATUSES, type PlanStatus } from '../domain/upgrade-plan.state.js';
import * as Part from './plan-parts.schema.js';
import { PLAN_EXAMPLE as X } from './upgrade-plan.example.js';

const ID = { example: X.upgradeId };
const integer = (example: number, description: string) => ({ type: 'integer', example, description }) as const;
const principal = (example: string | null, description: string) =>
  ({ type: String, nullable: true, example, description }) as const;

/**
 * The plan as its events make it now (GET /upgrades/{id}). Every part the gates ask for is null
 * or empty until recorded; payload parts are as their events carry them (libs/contracts).
 */
export class UpgradePlan {
  @ApiProperty({ enum: PLAN_STATUSES, example: 'Scheduled', description: 'the plan’s lifecycle status' })
  status!: PlanStatus;

  @ApiProperty(ID) upgradeId!: string;
  @ApiProperty({ example: X.title }) title!: string;
  @ApiProperty({ enum: E.PURPOSE_CATEGORIES, example: X.category, description: 'why: the category of the reason' })
  category!: string;
  @ApiProperty({ example: X.purpose, description: 'why, in practical terms' }) purpose!: string;
  @ApiProperty({ enum: E.URGENCIES, example: X.urgency, description: 'decided from category and override' })
  urgency!: string;
  @ApiProperty({ example: X.requestedBy, description: 'the principal who proposed it' }) requestedBy!: string;

  @ContractProperty(E.UpgradeProposed.schema.shape.targets, {
    example: X.targets,
    description: 'the assets to move, each from its current version to its new one',
  })
  targets!: unknown[];

  @ApiProperty(integer(0, 'bumped when targets change; an assessment of an older revision is stale'))
  targetsRevision!: number;

  @ContractProperty(Part.impactPart, { nullable: true, example: X.impact, description: 'the impact assessment' })
  impact!: unknown;

  @ContractProperty(Part.compatibilityPart, {
    nullable: true,
    example: X.compatibility,
    description: 'the last compatibility assessment',
  })
  compatibility!: unknown;

  @ContractProperty(E.CompatibilityWaived.schema.array(), {
    example: [],
    description: 'failing findings an approver accepted',
  })
  waivers!: unknown[];

  @ContractProperty(E.BackupPlanned.schema.array(), {
    example: [X.backup],
    description: 'one planned backup per target at least',
  })
  backups!: unknown[];

  @ContractProperty(E.RollbackPlanned.schema, { nullable: true, example: X.rollback })
  rollback!: unknown;

  @ContractProperty(E.RollbackRehearsed.schema, {
    nullable: true,
    example: X.rehearsal,
    description: 'the last rehearsal',
  })
  rehearsal!: unknown;

  @ContractProperty(E.RestoreMeasured.schema.array(), {
    example: [],
    description: 'restores execution timed while verifying the plan’s backups, in the order heard',
  })
  measuredRestores!: unknown[];

  @ContractProperty(E.AnalysisDefined.schema.shape.metrics, {
    example: [],
    description: 'the metric analysis monitoring runs after release (PUT /upgrades/{id}/analysis); empty: none',
  })
  analysis!: unknown[];

  @ContractProperty(E.WavesDefined.schema.omit({ upgradeId: true }), {
    nullable: true,
    example: null,
    description:
      'the staged rollout (PUT /upgrades/{id}/waves): ordered waves and what a regression does; null: one window for every target',
  })
  waves!: unknown;

  @ContractProperty(E.AcceptanceCriteriaDefined.schema.shape.criteria, { nullable: true, example: X.acceptance })
  acceptance!: unknown[] | null;

  @ContractProperty(E.TestEvidenceRecorded.schema, {
    nullable: true,
    example: X.testRun,
    description: 'the last test run',
  })
  testEvidence!: unknown;

  @ContractProperty(E.TestEvidenceRecorded.schema.array(), {
    example: [X.testRun],
    description: 'every test run, oldest first',
  })
  testRuns!: unknown[];

  @ContractProperty(E.RunbookDefined.schema.shape.steps, { nullable: true, example: X.runbook })
  runbook!: unknown[] | null;

  @ApiProperty({
    ...integer(4320, 'the monitoring period set for this plan; null: the default by criticality'),
    nullable: true,
  })
  monitoringMinutes!: number | null;

  @ContractProperty(E.MaintenanceWindowScheduled.schema, { nullable: true, example: X.window })
  window!: unknown;

  @ContractProperty(E.UsersNotified.schema.array(), {
    example: [],
    description: 'notices recorded before notices were webhooks',
  })
  notices!: unknown[];

  @ContractProperty(Part.noticeRequestPart.array(), {
    example: [],
    description: 'notices requested as webhooks, with their delivery outcomes',
  })
  noticeRequests!: unknown[];

  @ContractProperty(E.UpgradeSubmitted.schema, {
    nullable: true,
    example: X.submission,
    description: 'the last submission',
  })
  submission!: unknown;

  @ApiProperty({ type: [String], example: ['bob'], description: 'approvers since the last (re)submission' })
  approvals!: string[];

  @ApiProperty(integer(12, 'the plan’s stream version: every event moves it by one'))
  version!: number;

  @ApiProperty({ ...integer(10, 'the plan version the last full approval approved'), nullable: true })
  approvedVersion!: number | null;

  @ContractProperty(Part.windowPart, {
    nullable: true,
    example: null,
    description: 'the window the last full approval covered',
  })
  approvedWindow!: unknown;

  @ContractProperty(Part.reapprovalPart, {
    nullable: true,
    example: null,
    description: 'material changes since approval, awaiting approval again',
  })
  reapproval!: unknown;

  @ContractProperty(Part.closeHeldPart, {
    nullable: true,
    example: null,
    description: 'stability confirmed, closing waits for what is missing',
  })
  closeHeld!: unknown;

  @ContractProperty(E.SupportRolesRequired.schema.shape.roles, {
    nullable: true,
    example: ['dba'],
    description: 'roles on call for the whole window',
  })
  supportRoles!: string[] | null;

  @ApiProperty(principal('dba-on-call', 'the principal who accepted the rollback decision-owner role'))
  decisionOwnerAcceptedBy!: string | null;

  @ApiProperty(principal(null, 'the approver who acknowledged a forward-fix-only change'))
  irreversibleAcknowledgedBy!: string | null;

  @ContractProperty(Part.reviewPart, {
    nullable: true,
    example: null,
    description: 'an emergency’s post-implementation review',
  })
  review!: unknown;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 12,
    description: "the plan stream's version, also its ETag (send it as If-Match)",
  })
  streamVersion!: number;
}
