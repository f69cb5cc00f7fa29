import { Inject, Injectable } from '@nestjs/common';
import { IdempotencyKeys } from '../database/idempotency-keys.js';
import type { Logger } from '../observability/logger.js';
import { PeriodicService } from '../nest/periodic-task.js';
import { LOGGER } from '../nest/tokens.js';

/** Expired keys are ignored on lookup already; this only keeps the table from growing. */
const PURGE_INTERVAL_MS = 10 * 60_000;

@Injectable()
export class IdempotencyKeyPurge extends PeriodicService {
  constructor(
    private readonly keys: IdempotencyKeys,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super('idempotency-key purge', PURGE_INTERVAL_MS, logger);
  }

  protected async tick(): Promise<void> {
    const purged = await this.keys.purgeExpired();
    if (purged > 0) this.logger.debug({ purged }, 'expired idempotency keys purged');
  }
}
