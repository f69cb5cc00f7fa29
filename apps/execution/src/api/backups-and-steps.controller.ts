import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CLOCK, Roles } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { decideExecution } from './decide-execution.js';
import { BackupTakenDto, CompleteStepDto, FailStepDto, VerifyBackupDto } from './execution.dto.js';

/** The work of a running execution: backups taken and verified, runbook steps, the upgrade applied. */
@ApiTags('executions')
@Controller('executions/:upgradeId')
export class BackupsAndStepsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('backups/:backupId/taken')
  @Roles('operator')
  @ApiOperation({ summary: 'Record a planned backup as taken' })
  taken(
    @Param('upgradeId') upgradeId: string,
    @Param('backupId') backupId: string,
    @Body() dto: BackupTakenDto,
    @Caller() caller: Caller,
  ) {
    return decideExecution(this.commands, caller, upgradeId, { type: 'RecordBackupTaken', backupId, ...dto });
  }

  @Post('backups/:backupId/verification')
  @Roles('operator')
  @ApiOperation({ summary: 'Verify a backup: checksum and restore test; a failure is recorded and blocks the upgrade' })
  verify(
    @Param('upgradeId') upgradeId: string,
    @Param('backupId') backupId: string,
    @Body() dto: VerifyBackupDto,
    @Caller() caller: Caller,
  ) {
    return decideExecution(this.commands, caller, upgradeId, { type: 'VerifyBackup', backupId, ...dto });
  }

  @Post('steps/:stepId/start')
  @Roles('operator')
  @ApiOperation({ summary: 'Start a runbook step' })
  startStep(@Param('upgradeId') upgradeId: string, @Param('stepId') stepId: string, @Caller() caller: Caller) {
    const now = this.clock();
    const command = { type: 'StartStep' as const, stepId, operator: caller.actor.id, now };
    return decideExecution(this.commands, caller, upgradeId, command, { at: now });
  }

  @Post('steps/:stepId/complete')
  @Roles('operator')
  @ApiOperation({ summary: 'Complete a runbook step with its output and configuration changes' })
  completeStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @Body() dto: CompleteStepDto,
    @Caller() caller: Caller,
  ) {
    const configurationChanges = (dto.configurationChanges ?? []).map((c) => ({
      assetId: c.assetId,
      path: c.path,
      before: c.before ?? null,
      after: c.after ?? null,
    }));
    return decideExecution(this.commands, caller, upgradeId, {
      type: 'CompleteStep',
      stepId,
      operator: caller.actor.id,
      outputSummary: dto.outputSummary,
      durationSeconds: dto.durationSeconds,
      configurationChanges,
    });
  }

  @Post('steps/:stepId/fail')
  @Roles('operator')
  @ApiOperation({ summary: 'Record a failed runbook step' })
  failStep(
    @Param('upgradeId') upgradeId: string,
    @Param('stepId') stepId: string,
    @Body() dto: FailStepDto,
    @Caller() caller: Caller,
  ) {
    return decideExecution(this.commands, caller, upgradeId, {
      type: 'FailStep',
      stepId,
      operator: caller.actor.id,
      ...dto,
    });
  }

  @Post('apply')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Record the upgrade as applied; refused (422) until every planned backup is verified' })
  apply(@Param('upgradeId') upgradeId: string, @Caller() caller: Caller) {
    const now = this.clock();
    return decideExecution(this.commands, caller, upgradeId, { type: 'ApplyUpgrade', now }, { at: now });
  }
}
