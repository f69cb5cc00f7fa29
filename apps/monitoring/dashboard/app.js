// The dashboard: sign in, then upgrades by state with their gates, live executions, regressions and
// rollbacks from the event stream, one upgrade's timeline and record, and the platform's lags.
import { allItems, client, defaultUrls, issueStreamToken, liveStream, session, SERVICES } from './api.js';
import { platformFigures } from './metrics.js';
import {
  renderEvents,
  renderItems,
  renderMetrics,
  renderRecord,
  renderTimeline,
  renderUpgrades,
  upgradeOf,
} from './views.js';

const $ = (id) => document.getElementById(id);
const METRICS_EVERY_MS = 5000;
const KEEP_EVENTS = 500;
/** A rollback as it happens (planning's rollback plans and rehearsals are preparation, not this). */
const ROLLBACK_EVENTS = new Set([
  'RollbackDecisionRequested',
  'RollbackTriggered',
  'RollbackDeclined',
  'RollbackCompleted',
  'MonitoringEndedByRollback',
  'ForwardFixDeclared',
  // What a rollback did to each wave of a staged rollout (ADR 37).
  'WaveRolledBack',
  'WaveHeld',
  'WaveCancelled',
]);

/** Where a staged rollout stands, in words, for the live executions panel; null for other events. */
function waveStep(type, payload) {
  if (type === 'RolloutStarted') return `wave ${payload.waves[0].name} running`;
  if (type === 'WaveAccepted') return `wave ${payload.wave} accepted, bakes until ${payload.bakeUntil}`;
  if (type === 'WavePromoted') return `wave ${payload.to} running (promoted by ${payload.promotedBy})`;
  return null;
}

const state = {
  api: null,
  stopStream: null,
  timers: [],
  upgrades: [],
  gateReports: new Map(),
  versions: new Map(),
  selected: null,
  events: [],
  executions: new Map(),
  regressions: new Map(),
  rollbacks: new Map(),
  /** Upgrades the stream has told about: newer than the lists the panels start from. */
  heard: new Set(),
};

/** Runs `work` once after a burst of calls has settled, so a burst of events costs one reload. */
function debounced(work, ms = 250) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => work().catch(showError), ms);
  };
}

const showError = (error) => {
  $('stream-state').dataset.state = 'error';
  $('stream-state').textContent = error.message;
};

async function loadUpgrades() {
  state.upgrades = await allItems(state.api, 'planning', '/upgrades?limit=200');
  // A gate report changes only with its plan: fetch again only what moved.
  const moved = state.upgrades.filter((u) => state.versions.get(u.upgradeId) !== u.streamVersion);
  await Promise.all(
    moved.map(async (upgrade) => {
      state.gateReports.set(
        upgrade.upgradeId,
        await state.api.json('planning', `/upgrades/${encodeURIComponent(upgrade.upgradeId)}/gates`),
      );
      state.versions.set(upgrade.upgradeId, upgrade.streamVersion);
    }),
  );
  renderUpgrades($('upgrade-groups'), state.upgrades, state.gateReports, state.selected, select);
}

async function loadDetail() {
  const id = state.selected;
  if (!id) return;
  const path = encodeURIComponent(id);
  const [history, record] = await Promise.all([
    allItems(state.api, 'monitoring', `/audit/upgrades/${path}/events?limit=200`),
    state.api
      .json('monitoring', `/records/${path}`)
      .catch((error) => (error.status === 404 ? null : Promise.reject(error))),
  ]);
  if (id !== state.selected) return;
  $('detail-id').textContent = id;
  renderTimeline($('timeline'), history);
  renderRecord($('record'), record);
}

async function loadMetrics() {
  const read = (service) => state.api.text(service, '/metrics').then(platformFigures, () => null);
  const figures = await Promise.all(SERVICES.map(read));
  renderMetrics($('metric-rows'), Object.fromEntries(SERVICES.map((service, i) => [service, figures[i]])));
}

const reloadUpgrades = debounced(loadUpgrades);
const reloadDetail = debounced(loadDetail);

function select(id) {
  state.selected = id;
  renderUpgrades($('upgrade-groups'), state.upgrades, state.gateReports, state.selected, select);
  loadDetail().catch(showError);
}

/** What an event changes on the page: the live lists at once, the lists read from the APIs after a pause. */
function onEvent(type, event) {
  const id = upgradeOf(event);
  state.heard.add(id);
  state.events.push(event);
  if (state.events.length > KEEP_EVENTS) state.events.splice(0, state.events.length - KEEP_EVENTS);
  const wave = waveStep(type, event.payload);
  if (type === 'ExecutionStarted')
    state.executions.set(id, { upgradeId: id, step: 'started', since: event.occurredAt });
  else if (['StepStarted', 'StepCompleted', 'StepFailed', 'UpgradeApplied'].includes(type) && state.executions.has(id))
    state.executions.get(id).step = `${type} ${event.payload.stepId ?? ''}`.trim();
  else if (state.executions.has(id) && wave) state.executions.get(id).step = wave;
  else if (['ExecutionCompleted', 'RollbackCompleted'].includes(type)) state.executions.delete(id);
  if (type === 'RegressionDetected')
    state.regressions.set(`${id}/${event.payload.metric}`, {
      upgradeId: id,
      metric: event.payload.metric,
      resolved: false,
    });
  if (type === 'RegressionResolved') {
    const open = state.regressions.get(`${id}/${event.payload.metric}`);
    if (open) open.resolved = true;
  }
  if (ROLLBACK_EVENTS.has(type))
    state.rollbacks.set(id, { upgradeId: id, type, wave: event.payload.wave ?? null, at: event.occurredAt });
  render();
  if (event.producer === 'planning') reloadUpgrades();
  if (id === state.selected) reloadDetail();
}

const render = debounced(async () => {
  renderItems($('executions'), [...state.executions.values()], (e) => `${e.upgradeId}: ${e.step}`);
  renderItems(
    $('regressions'),
    [...state.regressions.values()],
    (r) => `${r.upgradeId}: ${r.metric ?? 'metric'} ${r.resolved ? 'resolved' : 'REGRESSED'}`,
  );
  renderItems(
    $('rollbacks'),
    [...state.rollbacks.values()],
    (r) => `${r.upgradeId}: ${r.type}${r.wave ? ` (wave ${r.wave})` : ''}`,
  );
  renderEvents($('feed'), state.events);
}, 50);

function onStreamState(name, detail) {
  $('stream-state').dataset.state = name;
  $('stream-state').textContent = name === 'open' ? 'live' : `stream ${name}${detail ? `: ${detail}` : ''}`;
}

/** Who the stream token names (its payload is readable; only monitoring can vouch for it). */
const principalOf = (token) => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));

/**
 * The live panels as the lists say they are now: upgrades in execution, open regressions of those
 * being monitored, rollbacks. The stream, opened at the head, keeps them current from there.
 */
async function loadLivePanels() {
  const withStatus = (status) => state.upgrades.filter((u) => u.status === status && !state.heard.has(u.upgradeId));
  for (const { upgradeId } of withStatus('InExecution'))
    state.executions.set(upgradeId, { upgradeId, step: 'in execution' });
  for (const { upgradeId } of withStatus('RolledBack'))
    state.rollbacks.set(upgradeId, { upgradeId, type: 'RolledBack' });
  const monitored = await Promise.all(
    withStatus('Monitoring').map(({ upgradeId }) =>
      state.api.json('monitoring', `/monitoring/${encodeURIComponent(upgradeId)}`).catch(() => null),
    ),
  );
  for (const monitoring of monitored.filter((m) => m && !state.heard.has(m.upgradeId)))
    for (const open of monitoring.openRegressions) {
      const metric = open.split('|').at(-1);
      state.regressions.set(`${monitoring.upgradeId}/${metric}`, {
        upgradeId: monitoring.upgradeId,
        metric,
        resolved: false,
      });
    }
  render();
}

async function start(current) {
  state.api = client(current);
  // One token for the page: who signed in, and the head the stream opens at.
  const issued = await issueStreamToken(current);
  const { sub, role } = principalOf(issued.token);
  $('who').textContent = `${sub} (${role})`;
  $('sign-in').hidden = true;
  $('board').hidden = false;
  $('sign-out').hidden = false;
  state.stopStream = liveStream(current, issued, { onEvent, onState: onStreamState });
  state.timers.push(setInterval(() => loadMetrics().catch(showError), METRICS_EVERY_MS));
  await Promise.all([loadUpgrades().then(loadLivePanels), loadMetrics()]);
}

function signOut() {
  session.clear();
  state.stopStream?.();
  state.timers.splice(0).forEach(clearInterval);
  location.reload();
}

function init() {
  const urls = defaultUrls(location);
  for (const service of SERVICES) $(`url-${service}`).value = urls[service];
  $('sign-out').addEventListener('click', signOut);
  $('sign-in').addEventListener('submit', (submit) => {
    submit.preventDefault();
    const current = {
      kind: $('credential-kind').value,
      credential: $('credential').value.trim(),
      urls: Object.fromEntries(SERVICES.map((s) => [s, $(`url-${s}`).value.replace(/\/$/, '')])),
    };
    $('sign-in-error').textContent = '';
    start(current)
      .then(() => session.save(current))
      .catch((error) => {
        $('sign-in-error').textContent = `Sign-in failed: ${error.message}`;
      });
  });
  const saved = session.load();
  if (saved) start(saved).catch(() => session.clear());
}

init();
