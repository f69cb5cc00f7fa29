import 'reflect-metadata';
import { bootstrapService } from '@upgrade-control/platform';
import { InventoryModule } from './inventory.module.js';

await bootstrapService(() => InventoryModule.register(), InventoryModule.description);
