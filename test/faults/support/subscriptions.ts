import { eventCatalogue, type ServiceName } from '@upgrade-control/contracts';
import { VersionMovesOnExecution as InventoryReactions } from '../../../apps/inventory/src/infrastructure/version-moves.reactions.js';
import { PlanFollowsExecution } from '../../../apps/planning/src/infrastructure/plan-follows-execution.reactions.js';
import { RollbackOnRegression } from '../../../apps/execution/src/infrastructure/rollback-on-regression.reactions.js';
import { MonitoringReactions } from '../../../apps/monitoring/src/infrastructure/monitoring.reactions.js';
import { SERVICE_READ_MODELS } from '../../../apps/rebuild/src/rebuild.js';

/** Records what a service's reactions subscribe to, as they register on its EventConsumer at start. */
class Subscriptions {
  readonly types = new Set<string>();
  on(type: string): this {
    this.types.add(type);
    return this;
  }
  onEvery(): this {
    for (const definition of eventCatalogue) this.types.add(definition.type);
    return this;
  }
}

type Reactions = new (consumer: never, ...rest: never[]) => { onModuleInit(): void };
const REACTIONS: Record<ServiceName, Reactions> = {
  inventory: InventoryReactions as unknown as Reactions,
  planning: PlanFollowsExecution as unknown as Reactions,
  execution: RollbackOnRegression as unknown as Reactions,
  monitoring: MonitoringReactions as unknown as Reactions,
};

/**
 * The event types each service handles, taken from its own reaction classes and its read-model
 * list rather than a list kept here: an event of one of these types must reach the service's
 * inbox; any other is legitimately skipped by its consumer.
 */
export function handledTypes(service: ServiceName): Set<string> {
  const subscriptions = new Subscriptions();
  new REACTIONS[service](subscriptions as never).onModuleInit();
  const { consumed = [], everyConsumed = [] } = SERVICE_READ_MODELS[service].models;
  for (const [type] of consumed) subscriptions.on(type);
  if (everyConsumed.length > 0) subscriptions.onEvery();
  return subscriptions.types;
}
