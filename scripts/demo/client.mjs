// A small client for the public APIs, shared by the demo and the end-to-end tests.
export const KEYS = {
  planner: 'dev-planner',
  approver: 'dev-approver',
  operator: 'dev-operator',
  observer: 'dev-observer',
  auditor: 'dev-auditor',
  agent: 'dev-agent',
};

export function services(base = {}) {
  return {
    inventory: base.inventory ?? process.env.INVENTORY_URL ?? 'http://127.0.0.1:3001',
    planning: base.planning ?? process.env.PLANNING_URL ?? 'http://127.0.0.1:3002',
    execution: base.execution ?? process.env.EXECUTION_URL ?? 'http://127.0.0.1:3003',
    monitoring: base.monitoring ?? process.env.MONITORING_URL ?? 'http://127.0.0.1:3004',
  };
}

export class ApiError extends Error {
  constructor(method, url, status, body) {
    super(`${method} ${url} → ${status}: ${typeof body === 'string' ? body : (body?.detail ?? JSON.stringify(body))}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * Calls one endpoint as a role; throws ApiError unless the status is one of `expect`.
 * @param {string} url
 * @param {{ method?: string, role?: keyof typeof KEYS, body?: unknown, accept?: string, expect?: number[] }} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function call(
  url,
  { method = 'GET', role = 'observer', body, accept = 'application/json', expect = [200, 201] } = {},
) {
  const response = await fetch(url, {
    method,
    headers: { 'x-api-key': KEYS[role], accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!expect.includes(response.status)) throw new ApiError(method, url, response.status, parsed);
  return { status: response.status, body: parsed };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries while the answer is one that eventual consistency explains (the other service has not caught up yet). */
export async function until(what, attempt, { timeoutMs = 60_000, everyMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Parses a text/event-stream body into messages `{ id, event, data }`: one per blank line,
 * comment lines (the server's heartbeats) skipped. A message may carry only an id.
 * @param {AsyncIterable<Uint8Array>} body
 */
export async function* sseMessages(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message = {};
      const data = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'id' || field === 'event') message[field] = value;
      }
      if (data.length > 0) message.data = data.join('\n');
      if (message.id !== undefined || message.data !== undefined) yield message;
    }
  }
}

/**
 * Follows the monitoring service's live stream, calling onEvent for each domain event. When the
 * connection drops (a restart, a proxy), it reconnects with the last id seen (Last-Event-ID), so
 * nothing is missed and nothing repeated.
 */
export function follow(monitoringUrl, onEvent, { upgradeIds } = {}) {
  const controller = new AbortController();
  let lastEventId;
  (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`${monitoringUrl}/streams/events`, {
          headers: {
            'x-api-key': KEYS.observer,
            accept: 'text/event-stream',
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`live stream: HTTP ${response.status}`);
        for await (const message of sseMessages(response.body)) {
          if (message.id !== undefined) lastEventId = message.id;
          if (message.data === undefined) continue;
          const event = JSON.parse(message.data);
          if (!upgradeIds || upgradeIds.has(event.correlationId)) onEvent(event);
        }
      } catch {
        // aborted by the caller, or the connection dropped: retried below unless aborted
      }
      if (!controller.signal.aborted) await sleep(1000);
    }
  })();
  return () => controller.abort();
}
