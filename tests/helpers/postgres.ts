/**
 * A throwaway PostgreSQL cluster for the shared-store tests: initdb into a temp folder, a server
 * on 127.0.0.1 at a free port with a password (so tests can check it is never printed), stopped
 * and removed after the suite. initdb refuses to run as root: as root the cluster runs as the
 * `postgres` user (or `nobody`) through runuser. Where no PostgreSQL can start (no binaries, no
 * such user), the suite is skipped with one line saying why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestPostgres { url: string; password: string; stop(): void }

/** Debian installs the server binaries outside PATH. */
function binDir(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(onPath);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function uidOf(user: string): { uid: number; gid: number } | undefined {
  const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  return r.status === 0 && g.status === 0 ? { uid: Number(r.stdout), gid: Number(g.stdout) } : undefined;
}

/** Start a cluster, or the reason it cannot start. */
export function startPostgres(): TestPostgres | string {
  const bin = binDir();
  if (!bin) return 'no PostgreSQL server binaries (initdb) on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  const root = process.getuid?.() === 0;
  const user = root ? ['postgres', 'nobody'].find((u) => uidOf(u)) : undefined;
  if (root && (!user || !spawnSync('sh', ['-c', 'command -v runuser']).stdout.length)) return 'running as root without a postgres/nobody user and runuser to run initdb as';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-pg-'));
  const as = (cmd: string, args: string[]) => (user ? ['runuser', ['-u', user, '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args]) as [string, string[]];
  const run = (cmd: string, args: string[]) => { const [c, a] = as(cmd, args); return execFileSync(c, a, { stdio: 'pipe', encoding: 'utf8' }); };
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const data = path.join(dir, 'data');
  const stop = () => {
    try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* not running */ }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (user) { const id = uidOf(user)!; chownSync(dir, id.uid, id.gid); }
    const pwfile = path.join(dir, 'pw');
    writeFileSync(pwfile, password + '\n');
    if (user) { const id = uidOf(user)!; chownSync(pwfile, id.uid, id.gid); }
    run('initdb', ['-D', data, '-U', 'xxgk', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale', 'C', '--no-sync']);
    rmSync(pwfile);
    let lastError = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = 20000 + Math.floor(Math.random() * 40000);
      try {
        // A test cluster: durability off, it is thrown away anyway.
        run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start', '-o',
          `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`]);
        const url = `postgres://xxgk:${password}@127.0.0.1:${port}/postgres`;
        process.once('exit', stop);
        return { url, password, stop: () => { process.off('exit', stop); stop(); } };
      } catch (e) { lastError = (e as { stderr?: string }).stderr?.trim() || (e as Error).message; }
    }
    stop();
    return `PostgreSQL did not start: ${lastError.split('\n').pop()}`;
  } catch (e) {
    stop();
    return `PostgreSQL could not be set up: ${((e as { stderr?: string }).stderr?.trim() || (e as Error).message).split('\n').pop()}`;
  }
}

/** `describe` with a fresh cluster (its URL from `pg()`), or skipped with one line when none can start. */
export function withPostgres(name: string, fn: (pg: () => TestPostgres) => void): void {
  const started = startPostgres();
  if (typeof started === 'string') {
    process.stderr.write(`skipped: ${name}: ${started}\n`);
    describe.skip(name, () => fn(() => { throw new Error(started); }));
    return;
  }
  describe(name, () => {
    afterAll(() => started.stop());
    fn(() => started);
  });
}
