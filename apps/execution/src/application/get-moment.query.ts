import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { Moment } from '../domain/execution.commands.js';
import { Moments } from './moments.js';

/** Now and the freezes in force over the upgrade's ready plan: what a rollback or a check decides on. */
export class GetMoment extends Query<Moment> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetMomentHandler = queryHandlerFor(GetMoment, Moments, (moments, { upgradeId }) =>
  moments.ofUpgrade(upgradeId),
);
