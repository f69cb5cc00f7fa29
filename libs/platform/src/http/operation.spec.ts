import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import supertest from 'supertest';
import { createServiceApp } from '../nest/bootstrap.js';
import { declaredRoutes } from '../testing/authorization-matrix.js';
import { InMemoryPlatformModule } from '../testing/in-memory-platform.js';
import { Operation, PUBLIC_KEY } from './auth.js';
import { OpsController } from './ops.controller.js';

@Controller('assets')
class AssetsProbe {
  @Get()
  @Operation('listAssets', { summary: 'List assets' })
  list() {
    return [];
  }
}

describe('@Operation', () => {
  it("names the route's operation as its OpenAPI operationId, keeping its summary", async () => {
    class ProbeModule {}
    Module({})(ProbeModule);
    const module: DynamicModule = {
      module: ProbeModule,
      imports: [InMemoryPlatformModule.forService({ service: 'inventory' })],
      controllers: [AssetsProbe],
    };
    const app = await createServiceApp(module, 'operations under test');
    await app.init();
    try {
      const { body } = await supertest(app.getHttpServer()).get('/openapi.json').expect(200);
      expect((body as { paths: Record<string, unknown> }).paths['/assets']).toMatchObject({
        get: { operationId: 'listAssets', summary: 'List assets' },
      });
    } finally {
      await app.close();
    }
  });

  it('makes the probes and the metrics scrape public operations of every service', () => {
    expect(declaredRoutes([OpsController])).toEqual([
      { handler: 'OpsController.live', method: 'GET', path: '/health/live', operation: 'getLiveness' },
      { handler: 'OpsController.ready', method: 'GET', path: '/health/ready', operation: 'getReadiness' },
      { handler: 'OpsController.scrape', method: 'GET', path: '/metrics', operation: 'getPrometheusMetrics' },
    ]);
    for (const name of ['live', 'ready', 'scrape'] as const)
      expect(Reflect.getMetadata(PUBLIC_KEY, OpsController.prototype[name])).toBe(true);
  });
});
