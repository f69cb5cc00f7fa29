import 'reflect-metadata';
import { bootstrapService } from '@upgrade-control/platform';
import { PlanningModule } from './planning.module.js';

await bootstrapService(() => PlanningModule.register(), PlanningModule.description);
