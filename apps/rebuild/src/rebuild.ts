/**
 * Rebuilds a service's read models from Kafka offset 0 into a fresh database and compares them
 * with the live ones (ADR 10):
 *   npm run rebuild -- <inventory|planning|execution|monitoring> [--keep]
 * Prints one JSON summary with every difference; exit 1 when any table differs. The rebuilt
 * database (`<service database>_rebuild`) is dropped afterwards unless --keep is given. Reads the
 * service's configuration (its DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX…) like the service.
 */
import { SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { rebuildReadModels, type MigrationClass, type ReadModels, type RebuildResult } from '@upgrade-control/platform';
import { EXECUTION_MIGRATIONS, EXECUTION_READ_MODELS } from '../../execution/src/infrastructure/read-models.js';
import { INVENTORY_MIGRATIONS, INVENTORY_READ_MODELS } from '../../inventory/src/infrastructure/read-models.js';
import { MONITORING_MIGRATIONS, MONITORING_READ_MODELS } from '../../monitoring/src/infrastructure/read-models.js';
import { PLANNING_MIGRATIONS, PLANNING_READ_MODELS } from '../../planning/src/infrastructure/read-models.js';

export const SERVICE_READ_MODELS: Record<ServiceName, { models: ReadModels; migrations: MigrationClass[] }> = {
  inventory: { models: INVENTORY_READ_MODELS, migrations: INVENTORY_MIGRATIONS },
  planning: { models: PLANNING_READ_MODELS, migrations: PLANNING_MIGRATIONS },
  execution: { models: EXECUTION_READ_MODELS, migrations: EXECUTION_MIGRATIONS },
  monitoring: { models: MONITORING_READ_MODELS, migrations: MONITORING_MIGRATIONS },
};

export function rebuildService(
  service: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
  keep = false,
): Promise<RebuildResult> {
  return rebuildReadModels({ service, env, keep, ...SERVICE_READ_MODELS[service] });
}

async function main(argv: string[]): Promise<number> {
  const [service] = argv.filter((a) => !a.startsWith('--'));
  if (!SERVICES.includes(service as ServiceName)) {
    console.error(`usage: npm run rebuild -- <${SERVICES.join('|')}> [--keep]`);
    return 2;
  }
  const result = await rebuildService(service as ServiceName, process.env, argv.includes('--keep'));
  const same = result.differences.length === 0;
  process.stdout.write(`${JSON.stringify({ service, same, ...result }, null, 2)}\n`);
  return same ? 0 : 1;
}

if (process.argv[1]?.endsWith('rebuild.js')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`rebuild: ${error.message}`);
      process.exit(1);
    },
  );
}
