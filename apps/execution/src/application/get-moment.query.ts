import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Moment } from '../domain/execution.commands.js';
import { Moments } from './moments.js';

/** Now and the freezes in force over the upgrade's ready plan: what a rollback or a check decides on. */
export class GetMoment extends Query<Moment> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetMoment)
export class GetMomentHandler implements IQueryHandler<GetMoment> {
  constructor(private readonly moments: Moments) {}

  execute({ upgradeId }: GetMoment): Promise<Moment> {
    return this.moments.ofUpgrade(upgradeId);
  }
}
