import { Body, Controller, Inject, Param, Post, HttpCode } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Caller, CLOCK, Operation } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { BackupTakenDto, VerifyBackupDto } from './backup.dto.js';
import { decideExecution } from './decide-execution.js';
import { ExecutionWriteReply } from './execution-write.response.js';

/**
 * The planned backups of a running execution: taken (at the server's time, by the caller) and
 * verified by another principal or an agent with measured evidence.
 */
@ApiTags('executions')
@Controller('executions/:upgradeId/backups/:backupId')
export class BackupsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('taken')
  @HttpCode(200)
  @Operation('recordBackupTaken', {
    summary: 'Record a planned backup as taken now, inside the window or its freshness limit before it',
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  taken(
    @Param('upgradeId') upgradeId: string,
    @Param('backupId') backupId: string,
    @Body() dto: BackupTakenDto,
    @Caller() caller: Caller,
  ) {
    const now = this.clock();
    const { startedAt, finishedAt, ...taken } = dto;
    return decideExecution(
      this.commands,
      caller,
      upgradeId,
      {
        type: 'RecordBackupTaken',
        backupId,
        ...taken,
        reportedStartedAt: startedAt ?? null,
        reportedFinishedAt: finishedAt ?? null,
        takenBy: caller.actor,
        now,
      },
      { at: now },
    );
  }

  @Post('verification')
  @HttpCode(200)
  @Operation('recordBackupVerification', {
    summary:
      'Verify a backup (another principal than its taker, or an agent): checksum, size, a measured restore and the objects checked; a failure is recorded and blocks the upgrade',
  })
  @ApiOkResponse({ type: ExecutionWriteReply })
  verify(
    @Param('upgradeId') upgradeId: string,
    @Param('backupId') backupId: string,
    @Body() dto: VerifyBackupDto,
    @Caller() caller: Caller,
  ) {
    const now = this.clock();
    const command = {
      type: 'VerifyBackup' as const,
      backupId,
      checksum: { algorithm: dto.checksum.algorithm, digest: dto.checksum.digest },
      sizeBytes: dto.sizeBytes,
      restore: { ...dto.restore },
      verifiedBy: caller.actor,
      now,
    };
    return decideExecution(this.commands, caller, upgradeId, command, { at: now });
  }
}
