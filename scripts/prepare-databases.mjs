// Creates each service's database in PostgreSQL if missing; each service runs its own migrations at start.
import { ensureDatabase, loadServiceConfig } from '@upgrade-control/platform';

for (const service of ['inventory', 'planning', 'execution', 'monitoring']) {
  const { databaseUrl } = loadServiceConfig(service);
  await ensureDatabase(databaseUrl);
  console.log(`database ready: ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`);
}
