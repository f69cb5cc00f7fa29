import { describeAuthorization } from '@upgrade-control/platform/testing/http';
import { InventoryModule } from './inventory.module.js';

// Every inventory route against the authorization table, through the real guard (see describeAuthorization).
const { controllers = [] } = InventoryModule.register({ NODE_ENV: 'test' });
describeAuthorization('inventory', controllers);
