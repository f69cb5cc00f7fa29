import { Query } from '@nestjs/cqrs';
import type { WaveInventory } from '../domain/waves.js';
import { planQueryHandler } from './plan-query.js';

/** Where the plan's targets are and the rules about their products, for its waves; null when there is no such plan. */
export class GetWaveInventory extends Query<WaveInventory | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetWaveInventoryHandler = planQueryHandler(GetWaveInventory, ({ plan, facts }) =>
  facts.waveInventory(plan),
);
