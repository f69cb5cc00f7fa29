import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { all, ok } from '@upgrade-control/client';
import type { RoleClients } from '../../scripts/demo/client.mjs';
import { asRoles } from './api.js';
import { startSystem, type RunningSystem } from './system.js';
import { execute, readyInWindow } from './walkthrough.js';

// The live dashboard in a real headless Chromium (Debian's, installed by scripts/ensure-debian-package.sh),
// against the four services as processes: a user signs in on the page, upgrades are walked through
// the APIs, and the page follows them as it happens. Screenshots are for people: test-results/.
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
  let upgrades: { berlin: string; hamburg: string };

  beforeAll(async () => {
    system = await startSystem();
    api = asRoles(system);
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    browser = await puppeteer.launch({ executablePath: chromium(), args: ['--no-sandbox'] });
    ({ upgrades } = await readyInWindow(api, TAG));
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

  it('follows an execution live: the upgrade moves state, the feed and the timeline grow, lags show', async () => {
    const { page, tokenRequests } = await signedIn('dev-operator');
    const shows = (selector: string) => page.waitForSelector(selector, { timeout: 120_000 });
    expect(await page.$eval('#who', (e) => e.textContent)).toBe('oscar (operator)');
    // One stream token on opening: it names who signed in and the head the stream opens at.
    expect(tokenRequests()).toBe(1);
    // Each service's lags and DLQ, read from its Prometheus metrics across origins (CORS).
    await shows('#metric-rows tr[data-service=execution] td[data-alert]');
    const berlin = `[data-upgrade="${upgrades.berlin}"]`;
    await shows(`.group[data-state=ReadyForExecution] .upgrade${berlin} .gate[data-status=passed]`);
    await page.click(`.upgrade${berlin}`);
    await shows('#timeline li[data-type=UpgradeReadyForExecution]');

    await execute(api, upgrades.berlin, { site: 'berlin', tag: TAG });
    await shows(`#feed li[data-type=ExecutionCompleted]${berlin}`);
    // Planning's events reach the page by the stream; it reads the list and the gate reports again.
    await shows(`.group[data-state=Monitoring] .upgrade${berlin}`);
    // The chosen upgrade's timeline follows too: monitoring began once execution completed.
    await shows('#timeline li[data-type=MonitoringStarted]');
    expect(await page.$$eval(`#feed li${berlin}[data-type=ExecutionStarted]`, (rows) => rows.length)).toBe(1);
    await screenshot(page, 'dashboard-execution');
  }, 300_000);

  it('shows a regression as it is detected, and the rollback it leads to', async () => {
    // Every event held before the page opens: berlin's whole execution, hamburg's planning.
    const history = async (upgradeId: string) =>
      (
        await all((cursor) =>
          ok(
            api.auditor.GET('/audit/upgrades/{upgradeId}/events', {
              params: { path: { upgradeId }, query: { cursor } },
            }),
          ),
        )
      ).map((e) => e.eventId);
    const before = new Set([...(await history(upgrades.berlin)), ...(await history(upgrades.hamburg))]);
    const { page } = await signedIn('dev-observer');
    const shows = (selector: string) => page.waitForSelector(selector, { timeout: 120_000 });
    const hamburg = `[data-upgrade="${upgrades.hamburg}"]`;
    await execute(api, upgrades.hamburg, { site: 'hamburg', tag: TAG });
    await shows(`#feed li[data-type=MonitoringStarted]${hamburg}`);
    // The stream opened at the head: it delivered hamburg's execution, and none of the history
    // (in commit order, a replay would have delivered all of it before).
    const delivered = await streamed(page);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.filter((id) => before.has(id))).toEqual([]);
    // The collector reports a bad error rate until the page shows the regression it causes.
    let regression = null;
    for (let round = 0; round < 60 && !regression; round += 1) {
      await ok(
        api.observer.POST('/metrics', {
          body: {
            samples: [
              { assetId: `pg-hamburg-${TAG}`, metric: 'error_rate', timestamp: new Date().toISOString(), value: 0.3 },
            ],
          },
        }),
      );
      regression = await page.waitForSelector(`#regressions li${hamburg}`, { timeout: 2000 }).catch(() => null);
    }
    expect(await regression?.evaluate((e) => e.textContent)).toBe(`${upgrades.hamburg}: error_rate REGRESSED`);
    // Execution answers the regression by rolling back; the operator then restores and completes it.
    await shows(`#feed li[data-type=RollbackTriggered]${hamburg}`);
    await shows(`#rollbacks li${hamburg}`);
    await ok(
      api.operator.POST('/executions/{upgradeId}/rollback/complete', {
        params: { path: { upgradeId: upgrades.hamburg } },
        body: { dataLossExposure: 'none: writes were paused during the restore' },
      }),
    );
    await shows(`#feed li[data-type=RollbackCompleted]${hamburg}`);
    await shows(`.group[data-state=RolledBack] .upgrade${hamburg}`);
    // Its record, compiled by monitoring from all four services' events, says how it ended.
    await page.click(`.upgrade${hamburg}`);
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
    await later.waitForSelector(`#rollbacks li${hamburg}`, { timeout: 60_000 });
    expect(await later.$eval(`#rollbacks li${hamburg}`, (e) => e.textContent)).toBe(`${upgrades.hamburg}: RolledBack`);
  }, 300_000);
});
