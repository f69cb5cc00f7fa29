import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { ConfigError } from '../config/config-error.js';
import { rateLimitFrom } from '../config/rate-limit.js';
import { createServiceApp } from '../nest/bootstrap.js';
import { InMemoryPlatformModule } from '../testing/in-memory-platform.js';
import { Operation } from './auth.js';

@Controller()
class ProbeController {
  @Get('assets')
  @Operation('listAssets')
  list() {
    return [];
  }

  /** A route someone forgot to put in the authorization table. */
  @Get('forgotten')
  forgotten() {
    return 'should never be served';
  }
}

async function serviceWith(env: NodeJS.ProcessEnv): Promise<NestExpressApplication> {
  class ProbeModule {}
  Module({})(ProbeModule);
  const module: DynamicModule = {
    module: ProbeModule,
    imports: [InMemoryPlatformModule.forService({ service: 'inventory', env })],
    controllers: [ProbeController],
  };
  const app = await createServiceApp(module, 'rate limit under test');
  await app.init();
  return app;
}

// Over real HTTP (supertest listens on a port): the platform's edge with a limit of two requests a minute.
describe('the rate limit per principal', () => {
  let app: NestExpressApplication;
  beforeEach(async () => {
    app = await serviceWith({ RATE_LIMIT_REQUESTS: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterEach(() => app.close());
  const get = (path: string, key: string) => supertest(app.getHttpServer()).get(path).set('x-api-key', key);

  it('answers the third request of a principal in the window with 429 problem+json and Retry-After', async () => {
    await get('/assets', 'dev-planner').expect(200);
    await get('/assets', 'dev-planner').expect(200);
    const refused = await get('/assets', 'dev-planner');
    expect({ status: refused.status, body: refused.body as unknown }).toEqual({
      status: 429,
      body: {
        type: 'urn:upgrade-control:problem:too-many-requests',
        title: 'Too many requests',
        status: 429,
        detail: expect.stringMatching(/^this principal made more than 2 requests in 60 s; retry after \d+ s$/),
        instance: '/assets',
      },
    });
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('counts each principal on its own, though all come from one address', async () => {
    await get('/assets', 'dev-planner').expect(200);
    await get('/assets', 'dev-planner').expect(200);
    await get('/assets', 'dev-planner').expect(429);
    await get('/assets', 'dev-observer').expect(200);
  });

  it('counts requests that fail authentication against their address: guessing keys is limited too', async () => {
    await get('/assets', 'guessed-1').expect(401);
    await get('/assets', 'guessed-2').expect(401);
    const refused = await get('/assets', 'guessed-3').expect(429);
    expect((refused.body as { detail: string }).detail).toMatch(/^this address made more than 2 requests/);
    await get('/assets', 'dev-planner').expect(200);
  });

  it('refuses a route that is no operation of the authorization table, to every role', async () => {
    const refused = await get('/forgotten', 'dev-auditor').expect(403);
    expect(refused.body).toMatchObject({
      detail: 'this route is no operation of the authorization table',
      operation: null,
    });
  });
});

describe('rate limit configuration', () => {
  it('allows 600 requests a minute by default, 100 000 in development and tests', () => {
    expect(rateLimitFrom({ NODE_ENV: 'production' })).toEqual({ requests: 600, windowMs: 60_000 });
    expect(rateLimitFrom({})).toEqual({ requests: 600, windowMs: 60_000 });
    expect(rateLimitFrom({ NODE_ENV: 'test' })).toEqual({ requests: 100_000, windowMs: 60_000 });
    expect(rateLimitFrom({ RATE_LIMIT_REQUESTS: '50', RATE_LIMIT_WINDOW_SECONDS: '10' })).toEqual({
      requests: 50,
      windowMs: 10_000,
    });
  });

  it('refuses a limit that is not a positive integer, naming the variable', () => {
    expect(() => rateLimitFrom({ RATE_LIMIT_REQUESTS: 'lots' })).toThrow(
      new ConfigError('RATE_LIMIT_REQUESTS: a positive integer, not "lots"'),
    );
    expect(() => rateLimitFrom({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(ConfigError);
  });
});
