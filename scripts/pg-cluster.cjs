/**
 * A throwaway PostgreSQL cluster (tests and the PostgreSQL benchmark): initdb into a temp folder,
 * a server on 127.0.0.1 at a free port with a password, stopped and removed by `stop()`. initdb
 * refuses to run as root: as root the cluster runs as the `postgres` user (or `nobody`) through
 * runuser. Returns the reason as a string when no PostgreSQL can start here.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Debian installs the server binaries outside PATH. */
function binDir() {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(onPath);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function idOf(user) {
  const u = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  return u.status === 0 && g.status === 0 ? { uid: Number(u.stdout), gid: Number(g.stdout) } : undefined;
}

const lastLine = (e) => String((e && e.stderr && String(e.stderr).trim()) || (e && e.message) || e).split('\n').pop();

/** @returns {{ url: string, password: string, stop(): void } | string} */
function startPostgres() {
  const bin = binDir();
  if (!bin) return 'no PostgreSQL server binaries (initdb) on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  const root = process.getuid && process.getuid() === 0;
  const user = root ? ['postgres', 'nobody'].find((u) => idOf(u)) : undefined;
  const runuser = root ? [spawnSync('sh', ['-c', 'command -v runuser'], { encoding: 'utf8' }).stdout.trim(), '/usr/sbin/runuser', '/sbin/runuser'].find((p) => p && existsSync(p)) : undefined;
  if (root && (!user || !runuser)) return 'running as root without a postgres/nobody user and runuser to run initdb as';
  const id = user ? idOf(user) : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-pg-'));
  const run = (cmd, args) => {
    const [c, a] = user ? [runuser, ['-u', user, '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    return execFileSync(c, a, { stdio: 'pipe', encoding: 'utf8' });
  };
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const data = path.join(dir, 'data');
  const stop = () => {
    try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* not running */ }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pwfile = path.join(dir, 'pw');
    writeFileSync(pwfile, password + '\n');
    if (id) { chownSync(dir, id.uid, id.gid); chownSync(pwfile, id.uid, id.gid); }
    run('initdb', ['-D', data, '-U', 'xxgk', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale', 'C', '--no-sync']);
    rmSync(pwfile);
    let lastError = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = 20000 + Math.floor(Math.random() * 40000);
      try {
        // Durability off: the cluster is thrown away anyway.
        run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start', '-o',
          `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`]);
        process.once('exit', stop);
        return { url: `postgres://xxgk:${password}@127.0.0.1:${port}/postgres`, password, stop: () => { process.off('exit', stop); stop(); } };
      } catch (e) { lastError = lastLine(e); }
    }
    stop();
    return `PostgreSQL did not start: ${lastError}`;
  } catch (e) {
    stop();
    return `PostgreSQL could not be set up: ${lastLine(e)}`;
  }
}

module.exports = { startPostgres };
