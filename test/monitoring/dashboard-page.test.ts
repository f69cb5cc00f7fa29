import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { uniqueName } from '../support/environment.js';
import { startService, type RunningService } from '../support/service-app.js';

// Monitoring serves the dashboard's files (public code) and, like every service, answers the
// browser's CORS checks for the configured origins only.
const DASHBOARD = 'http://dashboard.example:4104';

describe('the dashboard page and CORS', () => {
  let monitoring: RunningService;
  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env), {
      KAFKA_TOPIC_PREFIX: `${uniqueName('dashboard')}.`,
      CORS_ORIGINS: DASHBOARD,
    });
  });
  afterAll(() => monitoring.close());

  it('serves the page without sign-in, under a policy that runs only its own scripts', async () => {
    const response = await monitoring.anonymous.get('/dashboard').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.text).toContain('<script type="module" src="/dashboard/app.js"></script>');
  });

  it('serves its modules as JavaScript, and the catalogue of event types the stream names events by', async () => {
    const app = await monitoring.anonymous.get('/dashboard/app.js').expect(200);
    expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(app.text).toContain("from './api.js'");
    const types = await monitoring.anonymous.get('/dashboard/event-types.js').expect(200);
    expect(types.text).toMatch(/^export default \[.*"ExecutionStarted".*\];\n$/);
  });

  it('serves nothing else from its folder or above', async () => {
    for (const path of ['/dashboard/secrets.txt', '/dashboard/..%2F..%2Fpackage.json']) {
      const response = await monitoring.anonymous.get(path);
      expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({
        path,
        status: 404,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
  });

  it('lets the configured origin call the API with its credential header and read the versions', async () => {
    const preflight = await monitoring.anonymous
      .options('/streams/events')
      .set('origin', DASHBOARD)
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'x-api-key')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(preflight.headers['access-control-allow-headers']).toContain('x-api-key');
    const call = await monitoring.as('observer').get('/audit/upgrades/none/events').set('origin', DASHBOARD);
    expect(call.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(call.headers['access-control-expose-headers']).toContain('ETag');
  });

  it('gives any other origin no CORS permission, so its browser withholds the answer', async () => {
    const preflight = await monitoring.anonymous
      .options('/streams/events')
      .set('origin', 'https://elsewhere.example')
      .set('access-control-request-method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const call = await monitoring
      .as('observer')
      .get('/audit/upgrades/none/events')
      .set('origin', 'https://elsewhere.example');
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });
});
