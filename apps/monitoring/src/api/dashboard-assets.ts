import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventCatalogue } from '@upgrade-control/contracts';

/** The page's files, by the name the browser asks for, with their media types. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'views.js': 'text/javascript; charset=utf-8',
  'metrics.js': 'text/javascript; charset=utf-8',
};

export interface DashboardAsset {
  type: string;
  body: string;
}

/** Where the sources live, relative to the repository (or image) root. */
const SOURCES = join('apps', 'monitoring', 'dashboard');

/**
 * The directory of the page's files: walks up from this module until it finds it, so the same
 * code finds it from the build (dist/monitoring/src/api), from the sources under jest
 * (apps/monitoring/src/api) and in the image (which copies the folder next to dist/).
 */
export function dashboardDirectory(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, SOURCES);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`the dashboard's files (${SOURCES}) are not above ${from}`);
  }
}

/**
 * The catalogue's event types as a module: the stream names each event by its type, and an
 * EventSource hands a named event only to a listener for that name.
 */
const eventTypesModule = (): DashboardAsset => ({
  type: 'text/javascript; charset=utf-8',
  body: `export default ${JSON.stringify(eventCatalogue.map((d) => d.type))};\n`,
});

/** Every file read once, at start: a handful of small files, served from memory. */
export function loadDashboardAssets(directory = dashboardDirectory()): ReadonlyMap<string, DashboardAsset> {
  const files = Object.entries(FILES).map(([name, type]): [string, DashboardAsset] => [
    name,
    { type, body: readFileSync(join(directory, name), 'utf8') },
  ]);
  return new Map([...files, ['event-types.js', eventTypesModule()]]);
}
