import { ConfigError } from './config-error.js';
import { isDevelopment } from './credentials.js';

/**
 * CORS_ORIGINS: the browser origins that may call this service's API (comma-separated, each
 * `scheme://host[:port]`). Unset, development allows the dashboard's own origin (monitoring at
 * MONITORING_PORT, 3004 by default, on localhost and 127.0.0.1); anywhere else it allows none, so
 * a browser page elsewhere cannot use a signed-in user's credentials here by default.
 */
export function corsOriginsFrom(env: NodeJS.ProcessEnv, dashboardPort: number): string[] {
  const raw = env.CORS_ORIGINS;
  if (raw === undefined) {
    if (!isDevelopment(env)) return [];
    const port = env.MONITORING_PORT || String(dashboardPort);
    return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  }
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const origin = URL.canParse(entry) ? new URL(entry).origin : 'null';
      // An origin, exactly: a path, a wildcard or a typo would otherwise widen or silently void the rule.
      if (origin === 'null' || origin !== entry.replace(/\/$/, ''))
        throw new ConfigError(`CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port], no path, no wildcard)`);
      return origin;
    });
}
