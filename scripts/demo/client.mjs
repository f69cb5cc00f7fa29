// A small client for the public APIs, shared by the demo and the end-to-end tests.
export const KEYS = {
  planner: 'dev-planner',
  approver: 'dev-approver',
  operator: 'dev-operator',
  observer: 'dev-observer',
  auditor: 'dev-auditor',
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

/** Follows the monitoring service's live stream, calling onEvent for each domain event. */
export function follow(monitoringUrl, onEvent, { upgradeIds } = {}) {
  const controller = new AbortController();
  (async () => {
    const response = await fetch(`${monitoringUrl}/streams/events`, {
      headers: { 'x-api-key': KEYS.observer, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const event = JSON.parse(data);
        if (!upgradeIds || upgradeIds.has(event.correlationId)) onEvent(event);
      }
    }
  })().catch(() => undefined);
  return () => controller.abort();
}
