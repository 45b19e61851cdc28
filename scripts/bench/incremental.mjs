// A nightly re-run over a growing folder: BENCH_INCR_FILES (default 10,000) distinct text reports
// (variants of the corpus .txt/.html reports: a trailing comment changes the bytes, not the report)
// extracted once with the CLI, then one new report added and the same command run again. Target:
// the re-run takes <= 3 s and the new report is in every output. Also a re-run with nothing new.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const title = 'Incremental re-run: one report added to a 10,000-report output folder';

export async function run({ root, corpus }) {
  const n = Number(process.env.BENCH_INCR_FILES ?? 10000);
  const sources = [];
  for (const sub of ['seed', 'real']) {
    for (const f of fs.readdirSync(path.join(corpus, sub)).filter((x) => /\.(txt|html)$/.test(x))) sources.push(path.join(corpus, sub, f));
  }
  if (!sources.length) return ['corpus not found: skipped'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-incr-'));
  const inputs = path.join(dir, 'in');
  const out = path.join(dir, 'out');
  const variant = (i) => {
    const src = sources[i % sources.length];
    const marker = src.endsWith('.html') ? `\n<!-- ${i} -->\n` : `\n\n% variant ${i}\n`;
    const sub = path.join(inputs, String(Math.floor(i / 1000)));
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${i}-${path.basename(src)}`), Buffer.concat([fs.readFileSync(src), Buffer.from(marker)]));
    return `${i}-${path.basename(src)}`;
  };
  for (let i = 0; i < n; i++) variant(i);
  const xxgk = () => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'extract', inputs, '--out', out, '--log', 'json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    return { wall, s: JSON.parse(r.stdout.trim().split('\n').pop()) };
  };
  const lines = [`${n} distinct text/HTML reports; load average ${os.loadavg()[0].toFixed(1)} at start`];
  const first = xxgk();
  console.log(`  (first run done in ${first.wall.toFixed(1)} s)`);
  const size = (f) => (fs.statSync(path.join(out, f)).size / 1048576).toFixed(0);
  lines.push(`first run: ${first.wall.toFixed(1)} s (${first.s.extracted} extracted; outputs ${first.s.outputs.seconds.toFixed(1)} s); cells.csv ${size('cells.csv')} MB, checks.csv ${size('checks.csv')} MB, store ${size('xxgk.sqlite')} MB`);
  const same = xxgk();
  lines.push(`re-run, nothing new: ${same.wall.toFixed(2)} s (${same.s.alreadyDone} already done, ${same.s.outputs.appended} appended)`);
  const name = variant(n);
  const added = xxgk();
  // The new report is at the end of each file (appended): read the tail only (cells.csv is ~600 MB).
  const has = (f) => {
    const fd = fs.openSync(path.join(out, f), 'r');
    const size = fs.fstatSync(fd).size, len = Math.min(size, 4 << 20), buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    fs.closeSync(fd);
    return buf.toString('utf8').includes(name);
  };
  const everywhere = ['reports.csv', 'cells.csv', 'checks.csv', 'review/list-' + String(Math.floor(n / 2000)).padStart(4, '0') + '.js'].every(has) && fs.existsSync(path.join(out, 'records', `${name}.json`));
  lines.push(`re-run with one report added: ${added.wall.toFixed(2)} s wall (${added.s.extracted} extracted, ${added.s.alreadyDone} already done; outputs ${added.s.outputs.appended} appended in ${added.s.outputs.seconds.toFixed(2)} s, ${added.s.outputs.rewritten ? 'REWRITTEN' : 'not rewritten'}); ` +
    `new report in every output: ${everywhere ? 'yes' : 'NO'} (target <= 3 s${added.wall <= 3 ? '' : ' — ABOVE TARGET'}); load average ${os.loadavg()[0].toFixed(1)} at end`);
  fs.rmSync(dir, { recursive: true, force: true });
  return lines;
}
