import { Query } from '@nestjs/cqrs';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { queryHandlerFor } from '@upgrade-control/platform';
import { orderEvents } from '../domain/upgrade-record.js';
import { RecordLog } from './record-log.js';

/** The full merged history of one upgrade, in causal and time order, as published. */
export class GetUpgradeHistory extends Query<EventEnvelope[]> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetUpgradeHistoryHandler = queryHandlerFor(GetUpgradeHistory, RecordLog, async (log, { upgradeId }) =>
  orderEvents(await log.forUpgrade(upgradeId)),
);
