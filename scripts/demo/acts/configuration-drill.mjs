// Configuration around apply, read rather than typed: the target stands in as a scratch database
// whose settings the agent reads from pg_settings before and after apply; the runbook's step
// really changes one of them (ALTER DATABASE … SET), so the record's diff is a change that happened.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const base = () => (process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const psql = (db, statement) =>
  run('psql', ['-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-d', `${base()}/${db}`, '-c', statement]);
/** The settings a DBA compares across a PostgreSQL upgrade; none of them is a secret. */
const SETTINGS = ['server_version', 'max_connections', 'shared_buffers', 'work_mem', 'statement_timeout', 'TimeZone'];
/** The one setting the demo's runbook step changes, from and to. */
export const STEP_CHANGE = { path: 'settings.statement_timeout', setting: 'statement_timeout', to: '30s' };

async function postgresAvailable() {
  try {
    await psql('postgres', 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * The target's stand-in: a scratch database (or, without PostgreSQL, a JSON file of settings).
 * @param {string} name a unique scratch name (lower case, digits, underscores)
 */
export async function prepareTarget(name) {
  const target = { name: `${name}_cfg`, postgres: await postgresAvailable(), file: join(tmpdir(), `${name}_cfg.json`) };
  if (target.postgres) {
    await psql('postgres', `DROP DATABASE IF EXISTS ${target.name}`);
    await psql('postgres', `CREATE DATABASE ${target.name}`);
  } else {
    const settings = { server_version: 'unknown (no PostgreSQL)', statement_timeout: '0', work_mem: '4MB' };
    await writeFile(target.file, JSON.stringify(settings));
  }
  return target;
}

/** The target's configuration as the agent reads it now: the settings a new session of the database sees. */
export async function readConfiguration(target) {
  if (!target.postgres)
    return { database: target.name, source: target.file, settings: JSON.parse(await readFile(target.file, 'utf8')) };
  const list = SETTINGS.map((s) => `'${s}'`).join(',');
  const { stdout } = await psql(
    target.name,
    `SELECT name || '=' || current_setting(name) FROM pg_settings WHERE name IN (${list}) ORDER BY name`,
  );
  const settings = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=')),
  );
  return { database: target.name, source: 'pg_settings', settings };
}

/** What the runbook step does: sets the statement timeout for the database; returns the before and after value. */
export async function applyStepChange(target) {
  const before = (await readConfiguration(target)).settings[STEP_CHANGE.setting];
  if (target.postgres)
    await psql('postgres', `ALTER DATABASE ${target.name} SET ${STEP_CHANGE.setting} = '${STEP_CHANGE.to}'`);
  else {
    const settings = JSON.parse(await readFile(target.file, 'utf8'));
    await writeFile(target.file, JSON.stringify({ ...settings, [STEP_CHANGE.setting]: STEP_CHANGE.to }));
  }
  const after = (await readConfiguration(target)).settings[STEP_CHANGE.setting];
  return { path: STEP_CHANGE.path, before, after };
}

/** Drops the scratch database and removes the file. */
export async function dropTarget(target) {
  if (target.postgres) await psql('postgres', `DROP DATABASE IF EXISTS ${target.name}`).catch(() => undefined);
  await rm(target.file, { force: true });
}
