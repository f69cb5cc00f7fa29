// A real backup and restore drill for the demo: pg_dump of a scratch database it creates, the
// dump's sha256, a pg_restore into a second scratch database, timed, and the rows counted there.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile, rm, stat, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const base = () => (process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const psql = (db, statement) =>
  run('psql', ['-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-d', `${base()}/${db}`, '-c', statement]);
const ROWS = 2000;

/** sha256 of the stored bytes, read back from disk. */
export async function sha256Of(file) {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Whether pg_dump is on PATH and the PostgreSQL server answers; else the drill works on plain files. */
async function postgresAvailable() {
  try {
    await run('pg_dump', ['--version']);
    await psql('postgres', 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the backup: a scratch database with ROWS orders, dumped with pg_dump (custom format).
 * Without PostgreSQL tools, a file of ROWS lines stands in, and the method says so.
 * @param {string} name a unique scratch name (lower case, digits, underscores)
 */
export async function takeBackup(name) {
  const file = join(tmpdir(), `${name}.dump`);
  const postgres = await postgresAvailable();
  if (postgres) {
    await psql('postgres', `DROP DATABASE IF EXISTS ${name}_src`);
    await psql('postgres', `CREATE DATABASE ${name}_src`);
    await psql(
      `${name}_src`,
      `CREATE TABLE orders AS SELECT g AS id, g * 1.5 AS amount, md5(g::text) AS note FROM generate_series(1, ${ROWS}) g`,
    );
    await run('pg_dump', ['-Fc', '-f', file, '-d', `${base()}/${name}_src`]);
  } else {
    await writeFile(file, Array.from({ length: ROWS }, (_, i) => `order ${i + 1}\n`).join(''));
  }
  return {
    name,
    file,
    postgres,
    method: postgres ? 'pg_dump -Fc' : 'file copy (pg_dump not available)',
    sizeBytes: (await stat(file)).size,
    checksum: `sha256:${await sha256Of(file)}`,
  };
}

/**
 * Restores the backup into a second scratch database and counts the orders there; the agent
 * measures the start and end. `damaged` restores into a database that was never created, so the
 * restore really fails (the demo's failed verification).
 */
export async function restoreBackup(backup, { damaged = false } = {}) {
  const target = `${backup.name}_restore`;
  if (backup.postgres) {
    await psql('postgres', `DROP DATABASE IF EXISTS ${target}`);
    if (!damaged) await psql('postgres', `CREATE DATABASE ${target}`);
  }
  const startedAt = new Date();
  let objectsChecked;
  try {
    if (backup.postgres) {
      await run('pg_restore', ['-d', `${base()}/${target}`, backup.file]);
      objectsChecked = Number((await psql(target, 'SELECT count(*) FROM orders')).stdout.trim());
    } else {
      if (damaged) throw new Error('restore target missing');
      await copyFile(backup.file, join(tmpdir(), `${target}.copy`));
      objectsChecked = (await readFile(join(tmpdir(), `${target}.copy`), 'utf8')).split('\n').filter(Boolean).length;
    }
  } catch {
    objectsChecked = 0;
  }
  // A clock has millisecond resolution; a restore is at least one millisecond long.
  const finishedAt = new Date(Math.max(Date.now(), startedAt.getTime() + 1));
  return {
    target: backup.postgres ? `scratch database ${target}` : `scratch file ${target}.copy`,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    objectsChecked,
    succeeded: objectsChecked === ROWS,
  };
}

/** Drops the scratch databases and removes the files. */
export async function cleanUp(backup) {
  if (backup.postgres) {
    for (const db of [`${backup.name}_src`, `${backup.name}_restore`])
      await psql('postgres', `DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
  }
  await rm(backup.file, { force: true });
  await rm(join(tmpdir(), `${backup.name}_restore.copy`), { force: true });
}
