// npm run db:prepare: each service's owner and app roles and its database owned by the owner
// (ADR 17); each service runs its own migrations at start, as the owner.
import { prepareDatabases } from '@upgrade-control/platform';

await prepareDatabases(process.env, (line) => console.log(line));
