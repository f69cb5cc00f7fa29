import { cappedBackoff, sleep, type Backoff } from '@upgrade-control/platform/backoff';
import type { PrometheusAuth, PrometheusSettings } from './prometheus-settings.js';

/** The `data` of a successful answer, or why there is none and how many requests were made. */
export type PrometheusResult = { ok: true; data: unknown } | { ok: false; reason: string; attempts: number };

/** An answer not worth repeating (the query is wrong) or one that may change (Prometheus busy, restarting, away). */
type Attempt = { done: true; result: PrometheusResult } | { done: false; reason: string };

const authorization = (auth: PrometheusAuth): Record<string, string> => {
  if (!auth) return {};
  if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` };
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
};

/**
 * GETs of Prometheus' HTTP API (/api/v1/...): each attempt bounded by the timeout, 5xx, 429,
 * timeouts and network errors retried with the platform's capped backoff, everything else final.
 * The credentials go in the Authorization header only, never into a reason.
 */
export class PrometheusClient {
  constructor(
    private readonly settings: PrometheusSettings,
    private readonly backoff: Backoff = cappedBackoff({ baseMs: 250, capMs: 4_000 }),
  ) {}

  async get(path: string, params: Record<string, string>): Promise<PrometheusResult> {
    const url = new URL(path, this.settings.url);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const attempts = this.settings.retries + 1;
    let reason = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(this.backoff(attempt - 1));
      const outcome = await this.attempt(url);
      if (outcome.done) return outcome.result.ok ? outcome.result : { ...outcome.result, attempts: attempt };
      reason = outcome.reason;
    }
    return { ok: false, reason: `${reason} (after ${attempts} attempts)`, attempts };
  }

  private async attempt(url: URL): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', ...authorization(this.settings.auth) },
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return {
        done: false,
        reason: timedOut
          ? `did not answer within ${this.settings.timeoutMs} ms`
          : `is unreachable (${cause ?? String(error)})`,
      };
    }
    const body = await response.text();
    if (response.status >= 500 || response.status === 429)
      return { done: false, reason: `answered ${response.status}${detail(body)}` };
    let parsed: { status?: string; data?: unknown; error?: string; errorType?: string };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return { done: true, result: { ok: false, reason: `answered ${response.status} without JSON`, attempts: 0 } };
    }
    if (response.ok && parsed.status === 'success') return { done: true, result: { ok: true, data: parsed.data } };
    return { done: true, result: { ok: false, reason: `answered ${response.status}${detail(body)}`, attempts: 0 } };
  }
}

/** Prometheus' own error text (bad_data: the parse error), shortened: it is shown in the record. */
function detail(body: string): string {
  try {
    const { errorType, error } = JSON.parse(body) as { errorType?: string; error?: string };
    if (error) return `: ${errorType ?? 'error'}: ${error.slice(0, 300)}`;
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  return '';
}
