#!/usr/bin/env node
// Throughput on one PostgreSQL: two `xxgk worker -j 1` processes (two "machines") against a
// throwaway local cluster, versus `xxgk extract --workers 2` on the same inputs. Inputs: the
// corpus text/HTML reports (or samples/ without the corpus), each in many distinct variants (a
// trailing comment or blank line changes the bytes, not the report). The machine's cores are
// shared with other work, so both modes alternate for several rounds and the best round of each
// counts. Enqueue and export are timed too but not in the ratio (extract does its own hashing,
// which is in its time). BENCH_PG_FILES (default 300), BENCH_PG_ROUNDS (2); run `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bin = path.join(root, 'bin', 'xxgk.js');
const { startPostgres } = createRequire(import.meta.url)('./pg-cluster.cjs');
const n = Number(process.env.BENCH_PG_FILES ?? 300);
const rounds = Number(process.env.BENCH_PG_ROUNDS ?? 2);

const xxgk = (args) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xxgk ${args[0]} failed: ${r.stderr}`);
  return r;
};
const worker = (url) => new Promise((resolve, reject) => {
  const c = spawn(process.execPath, [bin, 'worker', '--store', url, '-j', '1', '--until-empty', '--log', 'quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
});
const secs = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

const sources = [];
for (const sub of ['seed', 'real']) {
  for (const f of await fs.readdir(path.join(root, '..', 'shared', 'corpus', sub)).catch(() => [])) if (/\.(txt|html)$/.test(f)) sources.push(path.join(root, '..', 'shared', 'corpus', sub, f));
}
if (!sources.length) for (const f of await fs.readdir(path.join(root, 'samples'))) sources.push(path.join(root, 'samples', f));
const server = startPostgres();
if (typeof server === 'string') { console.log(`skipped: ${server}`); process.exit(0); }
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-bench-pg-'));
try {
  const dir = path.join(tmp, 'in');
  await fs.mkdir(dir);
  for (let i = 0; i < n; i++) {
    const src = sources[i % sources.length];
    const marker = src.endsWith('.html') ? `\n<!-- ${i} -->\n` : `\n\n${' '.repeat(i + 1)}\n`;
    await fs.writeFile(path.join(dir, `${i}-${path.basename(src)}`), Buffer.concat([await fs.readFile(src), Buffer.from(marker)]));
  }
  console.log(`${n} distinct inputs; ${os.availableParallelism()} cores; load average ${os.loadavg()[0].toFixed(1)} at start (the cores are shared: figures are relative)`);
  const res = { pg: [], extract: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 ? ['pg', 'extract'] : ['extract', 'pg']) {
      if (mode === 'extract') {
        const out = path.join(tmp, `out-${round}`);
        const t0 = process.hrtime.bigint();
        xxgk(['extract', dir, '--out', out, '--workers', '2', '--quiet']);
        res.extract.push({ s: secs(t0) });
        await fs.rm(out, { recursive: true, force: true });
        continue;
      }
      const db = `bench${round}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${db}`);
      await admin.end();
      const url = server.url.replace(/\/postgres$/, `/${db}`);
      let t0 = process.hrtime.bigint();
      xxgk(['enqueue', dir, '--store', url, '--quiet']);
      const enqueue = secs(t0);
      t0 = process.hrtime.bigint();
      await Promise.all([worker(url), worker(url)]);
      const work = secs(t0);
      t0 = process.hrtime.bigint();
      xxgk(['export', '--store', url, '--out', path.join(tmp, `pg-out-${round}`)]);
      res.pg.push({ s: work, enqueue, export: secs(t0) });
    }
  }
  const best = (rs) => rs.reduce((a, b) => (b.s < a.s ? b : a));
  const e = best(res.extract);
  const p = best(res.pg);
  console.log(`xxgk extract --workers 2: best ${e.s.toFixed(2)} s = ${(n / e.s).toFixed(1)} files/s (rounds ${res.extract.map((r) => r.s.toFixed(2)).join('/')} s; hashing and outputs included)`);
  console.log(`2 x xxgk worker -j 1 on PostgreSQL: best ${p.s.toFixed(2)} s = ${(n / p.s).toFixed(1)} files/s (rounds ${res.pg.map((r) => r.s.toFixed(2)).join('/')} s); enqueue ${p.enqueue.toFixed(2)} s, export ${p.export.toFixed(2)} s apart`);
  console.log(`ratio (PostgreSQL workers / extract, throughput): ${(e.s / p.s).toFixed(2)}; end to end with enqueue and export: ${(e.s / (p.s + p.enqueue + p.export)).toFixed(2)}`);
} finally {
  server.stop();
  await fs.rm(tmp, { recursive: true, force: true });
}
