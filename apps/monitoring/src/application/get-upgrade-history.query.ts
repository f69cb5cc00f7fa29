import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { orderEvents } from '../domain/upgrade-record.js';
import { RecordLog } from './record-log.js';

/** The full merged history of one upgrade, in causal and time order, as published. */
export class GetUpgradeHistory extends Query<EventEnvelope[]> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetUpgradeHistory)
export class GetUpgradeHistoryHandler implements IQueryHandler<GetUpgradeHistory> {
  constructor(private readonly log: RecordLog) {}

  async execute({ upgradeId }: GetUpgradeHistory): Promise<EventEnvelope[]> {
    return orderEvents(await this.log.forUpgrade(upgradeId));
  }
}
