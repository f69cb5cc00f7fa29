import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startSystem, type RunningSystem } from './system.js';
import { execute, readyInWindow } from './walkthrough.js';

// The live dashboard in a real headless Chromium (Debian's, installed by scripts/ensure-chromium.sh),
// against the four services as processes: a user signs in on the page, an upgrade is walked through
// the APIs, and the page follows it as it happens. The screenshot is for people: test-results/.
const chromium = () => execFileSync('bash', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();

describe('the live dashboard in a browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    system = await startSystem();
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    browser = await puppeteer.launch({ executablePath: chromium(), args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1300 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  const shows = (selector: string, timeout = 60_000) => page.waitForSelector(selector, { timeout });

  it('signs in with an API key and follows an upgrade live: states, gates, execution, timeline, lags', async () => {
    const { inventory, planning, execution, monitoring } = system.urls;
    await page.goto(`${monitoring}/dashboard?inventory=${inventory}&planning=${planning}&execution=${execution}`);
    await page.type('#credential', 'dev-operator');
    await page.click('#sign-in button[type=submit]');
    await shows('#stream-state[data-state=open]');
    expect(await page.$eval('#who', (e) => e.textContent)).toBe('oscar (operator)');
    // Each service's lags and DLQ, read from its Prometheus metrics across origins (CORS).
    await shows('#metric-rows tr[data-service=execution] td[data-alert]');

    const { upgrades } = await readyInWindow(system, 'dash');
    const berlin = `[data-upgrade="${upgrades.berlin}"]`;
    // Planning's events reach the page by the stream; it reads the list and the gate reports again.
    await shows(`.group[data-state=ReadyForExecution] .upgrade${berlin} .gate[data-status=passed]`);
    await page.click(`.upgrade${berlin}`);
    await shows('#timeline li[data-type=UpgradeReadyForExecution]');

    await execute(system.urls, upgrades.berlin, { site: 'berlin', tag: 'dash' });
    await shows(`#feed li[data-type=ExecutionCompleted]${berlin}`);
    await shows(`.group[data-state=Monitoring] .upgrade${berlin}`);
    // The chosen upgrade's timeline follows too: monitoring began once execution completed.
    await shows('#timeline li[data-type=MonitoringStarted]');
    expect(await page.$$eval(`#feed li${berlin}[data-type=ExecutionStarted]`, (rows) => rows.length)).toBe(1);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
  }, 300_000);
});
