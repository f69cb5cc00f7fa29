import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { all, ok } from '@upgrade-control/client';
import type { RoleClients } from '../../scripts/demo/client.mjs';
import { asRoles } from './api.js';
import { startSystem, type RunningSystem } from './system.js';
import { execute, readyInWindow, secondWave } from './walkthrough.js';

// The live dashboard in a real headless Chromium (Debian's, installed by scripts/ensure-debian-package.sh),
// against the four services as processes: a user signs in on the page, the demo's staged upgrade
// is walked through the APIs wave by wave, and the page follows it as it happens. Screenshots are for people: test-results/.
const chromium = () => execFileSync('bash', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
const TAG = 'dash';

/** In the page, before its scripts: each event its EventSource delivers is noted by id in `streamed`. */
function noteStreamedEvents() {
  type Listener = (message: { data: string }) => void;
  type Source = { addEventListener(type: string, listener: Listener): void };
  const page = globalThis as unknown as { streamed: string[]; EventSource: { prototype: Source } };
  page.streamed = [];
  const source = page.EventSource.prototype;
  const add = source.addEventListener;
  source.addEventListener = function (this: Source, type: string, listener: Listener) {
    add.call(this, type, (message) => {
      page.streamed.push((JSON.parse(message.data) as { eventId: string }).eventId);
      listener(message);
    });
  };
}
const streamed = (page: Page) => page.evaluate(() => (globalThis as unknown as { streamed: string[] }).streamed);

describe('the live dashboard in a browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let api: RoleClients;
  let upgradeId: string;

  beforeAll(async () => {
    system = await startSystem();
    api = asRoles(system);
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    browser = await puppeteer.launch({ executablePath: chromium(), args: ['--no-sandbox'] });
    ({ upgradeId } = await readyInWindow(api, TAG));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  /**
   * A fresh tab of its own (no shared session), signed in on the page with a development key; it
   * notes the stream tokens it asks for and the events its stream delivers.
   */
  async function signedIn(key: string): Promise<{ page: Page; tokenRequests: () => number }> {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.setViewport({ width: 1400, height: 1400 });
    await page.evaluateOnNewDocument(noteStreamedEvents);
    let tokens = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/stream-tokens') tokens += 1;
    });
    const { inventory, planning, execution, monitoring } = system.urls;
    await page.goto(`${monitoring}/dashboard?inventory=${inventory}&planning=${planning}&execution=${execution}`);
    await page.type('#credential', key);
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#stream-state[data-state=open]');
    return { page, tokenRequests: () => tokens };
  }
  const screenshot = (page: Page, name: string) => {
    mkdirSync('test-results', { recursive: true });
    return page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  };

  it('follows the pilot wave live: the upgrade moves state, the feed and the timeline grow, lags show', async () => {
    const { page, tokenRequests } = await signedIn('dev-operator');
    const shows = (selector: string) => page.waitForSelector(selector, { timeout: 120_000 });
    expect(await page.$eval('#who', (e) => e.textContent)).toBe('oscar (operator)');
    // One stream token on opening: it names who signed in and the head the stream opens at.
    expect(tokenRequests()).toBe(1);
    // Each service's lags and DLQ, read from its Prometheus metrics across origins (CORS).
    await shows('#metric-rows tr[data-service=execution] td[data-alert]');
    const upgrade = `[data-upgrade="${upgradeId}"]`;
    await shows(`.group[data-state=ReadyForExecution] .upgrade${upgrade} .gate[data-status=passed]`);
    await page.click(`.upgrade${upgrade}`);
    await shows('#timeline li[data-type=UpgradeReadyForExecution]');

    // Berlin's pilot: started, applied to its targets and accepted; it bakes before the next wave.
    await execute(api, upgradeId, { tag: TAG });
    await shows(`#feed li[data-type=WaveAccepted]${upgrade}`);
    // Planning's events reach the page by the stream; it reads the list and the gate reports again.
    await shows(`.group[data-state=InExecution] .upgrade${upgrade}`);
    // The chosen upgrade's timeline follows too: the rollout started with the execution.
    await shows('#timeline li[data-type=RolloutStarted]');
    await shows('#timeline li[data-type=WaveAccepted]');
    expect(await page.$$eval(`#feed li${upgrade}[data-type=ExecutionStarted]`, (rows) => rows.length)).toBe(1);
    await screenshot(page, 'dashboard-execution');
  }, 300_000);

  it('shows the second wave regress as it is detected, and the rollback that holds the pilot', async () => {
    // Every event held before the page opens: the planning and the pilot wave.
    const history = async () =>
      (
        await all((cursor) =>
          ok(
            api.auditor.GET('/audit/upgrades/{upgradeId}/events', {
              params: { path: { upgradeId }, query: { cursor } },
            }),
          ),
        )
      ).map((e) => e.eventId);
    const before = new Set(await history());
    const { page } = await signedIn('dev-observer');
    const shows = (selector: string) => page.waitForSelector(selector, { timeout: 120_000 });
    const upgrade = `[data-upgrade="${upgradeId}"]`;
    // The approver promotes the pilot once it baked and the next window opened; Hamburg and Munich go in.
    expect(await secondWave(api, upgradeId, TAG)).toBe('passed');
    await shows(`#feed li[data-type=WavePromoted]${upgrade}`);
    // Monitoring watched the pilot from its acceptance; the second wave widens its watch.
    await shows(`#feed li[data-type=MonitoringWidened]${upgrade}`);
    // The stream opened at the head: it delivered the second wave, and none of the history
    // (in commit order, a replay would have delivered all of it before).
    const delivered = await streamed(page);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.filter((id) => before.has(id))).toEqual([]);
    // The collector reports a bad error rate for Hamburg until the page shows the regression it
    // causes; every other watched asset reports a healthy one (no data would be a finding too).
    const watched = ['pg-berlin', 'reportly-berlin', 'pg-hamburg', 'pg-munich'].map((a) => `${a}-${TAG}`);
    let regression = null;
    for (let round = 0; round < 60 && !regression; round += 1) {
      const timestamp = new Date().toISOString();
      await ok(
        api.observer.POST('/metrics', {
          body: {
            samples: watched.map((assetId) => ({
              assetId,
              metric: 'error_rate',
              timestamp,
              value: assetId === `pg-hamburg-${TAG}` ? 0.3 : 0.01,
            })),
          },
        }),
      );
      regression = await page.waitForSelector(`#regressions li${upgrade}`, { timeout: 2000 }).catch(() => null);
    }
    expect(await regression?.evaluate((e) => e.textContent)).toBe(`${upgradeId}: error_rate REGRESSED`);
    // Execution answers the regression by rolling the second wave back and holding the pilot; the
    // operator then restores and completes it.
    await shows(`#feed li[data-type=RollbackTriggered]${upgrade}`);
    await shows(`#feed li[data-type=WaveHeld]${upgrade}`);
    await shows(`#feed li[data-type=WaveRolledBack]${upgrade}`);
    await shows(`#rollbacks li${upgrade}`);
    await ok(
      api.operator.POST('/executions/{upgradeId}/rollback/complete', {
        params: { path: { upgradeId } },
        body: { dataLossExposure: 'none: writes were paused during the restore' },
      }),
    );
    await shows(`#feed li[data-type=RollbackCompleted]${upgrade}`);
    await shows(`.group[data-state=RolledBack] .upgrade${upgrade}`);
    // Its record, compiled by monitoring from all four services' events, says how it ended.
    await page.click(`.upgrade${upgrade}`);
    await shows('#timeline li[data-type=RollbackCompleted]');
    await page.waitForFunction(
      `document.querySelector('#record dd[data-fact=outcome]')?.textContent === 'rolled-back'`,
      {
        timeout: 60_000,
      },
    );
    await screenshot(page, 'dashboard');

    // A page opened now starts from the lists, not from replayed events: the rollback shows as
    // the plan's state (a replay would show its last rollback event).
    const { page: later } = await signedIn('dev-observer');
    await later.waitForSelector(`#rollbacks li${upgrade}`, { timeout: 60_000 });
    expect(await later.$eval(`#rollbacks li${upgrade}`, (e) => e.textContent)).toBe(`${upgradeId}: RolledBack`);
  }, 300_000);
});
