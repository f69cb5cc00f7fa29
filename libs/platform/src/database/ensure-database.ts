import pg from 'pg';
import { ConfigError } from '../config/config-error.js';

/** Creates the database named in the URL if it is missing (connecting to the server's postgres db). */
export function ensureDatabase(url: string): Promise<void> {
  return onServer(url, 'create', async (client, name) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0)
      await client.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
        if (error.code === '42501')
          throw new ConfigError(
            `database ${name} does not exist and its migration role may not create it: run \`npm run db:prepare\` (ADR 17)`,
          );
        if (error.code !== '42P04') throw error; // created concurrently by another process
      });
  });
}

export function dropDatabase(url: string): Promise<void> {
  return onServer(url, 'drop', async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/**
 * `work` on the database named in the URL, through a client on the server's postgres db. The name
 * goes into SQL unquoted, so only plain names are taken.
 */
async function onServer(
  url: string,
  action: 'create' | 'drop',
  work: (client: pg.Client, name: string) => Promise<void>,
): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to ${action} database with unusual name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await work(client, name);
  } finally {
    await client.end();
  }
}
