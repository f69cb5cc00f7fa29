// The page's one way to the services: the signed-in credential as a header on every call, and the
// live stream through a short-lived stream token (an EventSource cannot send headers).
import EVENT_TYPES from './event-types.js';

export const SERVICES = ['inventory', 'planning', 'execution', 'monitoring'];
const STORAGE_KEY = 'upgrade-control.session';

/** Where each service is: `?planning=<url>` and the like win; else this page's host on the npm start ports. */
export function defaultUrls(location) {
  const query = new URLSearchParams(location.search);
  const ports = { inventory: 3001, planning: 3002, execution: 3003 };
  const urls = { monitoring: location.origin };
  for (const [service, port] of Object.entries(ports))
    urls[service] = query.get(service) ?? `${location.protocol}//${location.hostname}:${port}`;
  return urls;
}

/** The session of this tab: kept in sessionStorage, so it ends with the tab and never reaches a cookie. */
export const session = {
  load: () => JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null'),
  save: (value) => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value)),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
  }
}

const headersFor = ({ kind, credential }) =>
  kind === 'jwt' ? { authorization: `Bearer ${credential}` } : { 'x-api-key': credential };

/** A client for the signed-in user: JSON and text calls to any service. */
export function client(current) {
  const request = async (service, path, { method = 'GET', accept = 'application/json' } = {}) => {
    const response = await fetch(`${current.urls[service]}${path}`, {
      method,
      headers: { accept, ...headersFor(current) },
    });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    return response;
  };
  return {
    json: async (service, path, options) => (await request(service, path, options)).json(),
    /** Prometheus text; /metrics is public, but the same path keeps one way of calling. */
    text: async (service, path) => (await request(service, path, { accept: 'text/plain' })).text(),
  };
}

/** A list answer: a cursor page (`{ items, next }`) or, from an older service, a plain array. */
const itemsOf = (body) => (Array.isArray(body) ? body : (body?.items ?? []));

/** Every item of a paged list: follows `next` until the last page, so nothing is cut off. */
export async function allItems(api, service, path) {
  const items = [];
  for (let cursor = null; ;) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api.json(service, cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...itemsOf(page));
    if (Array.isArray(page) || !page?.next || page.next === cursor) return items;
    cursor = page.next;
  }
}

/**
 * The live stream from `first`, a token the page already holds: it opens at the head that token
 * came with, so the page gets what happens after it loaded the lists, not the history (ADR 29).
 * Before a token expires it asks for a new one and resumes after the last event seen.
 * `onEvent(type, envelope)` gets each event; `onState(state, detail)` gets open, renewing, error
 * and closed.
 */
export function liveStream(current, first, { onEvent, onState }) {
  let source = null;
  let renewal = null;
  let lastEventId = first.lastEventId;
  let unused = first;
  let stopped = false;

  const open = async () => {
    if (stopped) return;
    let issued = unused;
    unused = null;
    try {
      issued ??= await issueStreamToken(current);
    } catch (error) {
      onState('error', error.message);
      renewal = setTimeout(open, 5000);
      return;
    }
    const url = new URL('/streams/events', current.urls.monitoring);
    url.searchParams.set('access_token', issued.token);
    if (lastEventId) url.searchParams.set('lastEventId', lastEventId);
    const next = new EventSource(url);
    next.onopen = () => onState('open');
    next.onerror = () => onState(next.readyState === EventSource.CLOSED ? 'error' : 'renewing', 'reconnecting');
    // Every event is named by its type, and a named event reaches only listeners for that name.
    const listen = (message) => {
      lastEventId = message.lastEventId || lastEventId;
      onEvent(message.type, JSON.parse(message.data));
    };
    for (const type of EVENT_TYPES) next.addEventListener(type, listen);
    source?.close();
    source = next;
    // Renew at four fifths of the token's life: the new stream resumes where this one is.
    const left = Date.parse(issued.expiresAt) - Date.now();
    renewal = setTimeout(open, Math.max(5000, left * 0.8));
  };

  open();
  return () => {
    stopped = true;
    clearTimeout(renewal);
    source?.close();
    onState('closed');
  };
}

/** A stream token for the signed-in user, with the stream's head as it was issued (`lastEventId`). */
export async function issueStreamToken(current) {
  const response = await fetch(`${current.urls.monitoring}/stream-tokens`, {
    method: 'POST',
    headers: { accept: 'application/json', ...headersFor(current) },
  });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response.json();
}
