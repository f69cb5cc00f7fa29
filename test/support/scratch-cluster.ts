import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/service-process.mjs';

const run = promisify(execFile);

/** Where Debian keeps a PostgreSQL's binaries; the server the tests use is the same major version. */
async function binaries(): Promise<string> {
  const { stdout } = await run('pg_config', ['--bindir']).catch(() => ({ stdout: '/usr/lib/postgresql/15/bin' }));
  return stdout.trim();
}

export interface ScratchCluster {
  url: string;
  stop(): Promise<void>;
}

/**
 * A second, throwaway PostgreSQL cluster (initdb + pg_ctl, trust auth, a free port): a different
 * system identifier and transaction ids counting from the start, as a restore target is. The
 * server refuses to run as root, so as root it runs as the postgres user.
 */
export async function startScratchCluster(): Promise<ScratchCluster> {
  const bin = await binaries();
  const dir = mkdtempSync(join(tmpdir(), 'uc-scratch-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = async (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = join(dir, 'data');
  const port = (await freePort()) as number;
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  await as('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    stop: async () => {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Dumps one database and restores it into another server, as an operator moving it would. */
export async function dumpAndRestore(fromUrl: string, toUrl: string): Promise<void> {
  const bin = await binaries();
  const dump = join(mkdtempSync(join(tmpdir(), 'uc-dump-')), 'db.dump');
  await run(join(bin, 'pg_dump'), ['-Fc', '-f', dump, fromUrl]);
  // As an operator restores into another cluster (ADR 17): its roles' grants are not carried over;
  // db:prepare there makes the roles, and the owner grants again when the service starts.
  await run(join(bin, 'pg_restore'), ['--no-owner', '--no-privileges', '-d', toUrl, dump]);
  rmSync(dump, { force: true });
}

const idOf = (flag: '-u' | '-g', name: string): number => Number(execFileSync('id', [flag, name]).toString().trim());
const uidOf = (name: string) => idOf('-u', name);
const gidOf = (name: string) => idOf('-g', name);
