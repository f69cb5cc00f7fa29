import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceName } from '@upgrade-control/contracts';
import { ExecutionModule } from '../../execution/src/execution.module.js';
import { InventoryModule } from '../../inventory/src/inventory.module.js';
import { MonitoringModule } from '../../monitoring/src/monitoring.module.js';
import { PlanningModule } from '../../planning/src/planning.module.js';

export const MODULES = {
  inventory: InventoryModule,
  planning: PlanningModule,
  execution: ExecutionModule,
  monitoring: MonitoringModule,
} as const;

// Only what registering a module reads; preview mode never connects to anything.
const PREVIEW_ENV = { NODE_ENV: 'development' };

/**
 * A service's application in Nest's preview mode: its modules resolved, its providers never
 * instantiated, so no database, broker or port is needed. Closed once `use` is done with it.
 */
export async function withPreviewApp<T>(service: ServiceName, use: (app: INestApplication) => T): Promise<T> {
  const app = await NestFactory.create(MODULES[service].register(PREVIEW_ENV), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return use(app);
  } finally {
    await app.close();
  }
}
