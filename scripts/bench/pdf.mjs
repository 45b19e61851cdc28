// PDF throughput: full extraction (read → tables → mapping → checks) of the corpus PDFs that have
// a text layer, next to `pdftotext -layout` on the same files in the same run.
//   node scripts/bench.mjs pdf          (after `npm run build`)
// Our side runs in a child process (pdf.js loaded once, one warm-up pass) so its peak RSS is its
// own; pdftotext runs once per file as it would in a shell pipeline. Rounds alternate so both see
// the same machine load; CPU seconds are reported too because the machine may be shared.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const title = 'PDF throughput (text-layer PDFs): xxgk full extraction vs pdftotext -layout';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Fewer characters than this from pdftotext means a scan without a text layer: not in this bench. */
const MIN_TEXT = 50;

function corpusPdfs(corpus) {
  const out = [];
  for (const sub of ['seed', 'real']) {
    const dir = path.join(corpus, sub);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.toLowerCase().endsWith('.pdf')) out.push(path.join(dir, f));
  }
  return out;
}

const hasTool = (t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0;

function pages(file) {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(r.stdout ?? '')?.[1] ?? 0);
}

/** One pass of pdftotext over all files: wall seconds, CPU seconds, peak RSS (KB) of the largest run. */
function pdftotextPass(files) {
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  let wall = 0, cpu = 0, rss = 0;
  for (const f of files) {
    const t0 = process.hrtime.bigint();
    const r = timeBin
      ? spawnSync(timeBin, ['-f', '%U %S %M', 'pdftotext', '-layout', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    wall += Number(process.hrtime.bigint() - t0) / 1e9;
    const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
    if (m) { cpu += Number(m[1]) + Number(m[2]); rss = Math.max(rss, Number(m[3])); }
  }
  return { wall, cpu, rss };
}

/** Our extraction of all files, `rounds` times after one warm-up pass, in a child process. */
function xxgkPasses(root, files, rounds) {
  const script = `
    const { extract } = require(${JSON.stringify(path.join(root, 'dist', 'pipeline', 'extract.js'))});
    const files = ${JSON.stringify(files)};
    (async () => {
      const passes = [];
      let ok = 0;
      for (let r = 0; r <= ${rounds}; r++) {
        const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
        for (const f of files) { const rec = await extract(f); if (r === 0 && rec.status !== 'failed') ok++; }
        const c = process.cpuUsage(c0);
        if (r > 0) passes.push({ wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 });
      }
      process.stdout.write(JSON.stringify({ passes, ok, rss: process.resourceUsage().maxRSS }));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`extraction child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export async function run({ root, corpus }) {
  if (!fs.existsSync(path.join(root, 'dist', 'pipeline', 'extract.js'))) return ['not built: run `npm run build` first'];
  if (!hasTool('pdftotext') || !hasTool('pdfinfo')) return ['poppler-utils (pdftotext, pdfinfo) not installed: skipped'];
  const files = corpusPdfs(corpus).filter((f) => {
    const r = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return (r.stdout ?? '').replace(/\s+/g, '').length >= MIN_TEXT;
  });
  if (!files.length) return [`no text-layer PDFs under ${corpus}: skipped`];
  const pageCount = files.reduce((s, f) => s + pages(f), 0);
  // Alternate: pdftotext, ours, pdftotext, so both sides see the same load.
  const before = [];
  for (let r = 0; r < ROUNDS; r++) before.push(pdftotextPass(files));
  const ours = xxgkPasses(root, files, ROUNDS);
  const after = [];
  for (let r = 0; r < ROUNDS; r++) after.push(pdftotextPass(files));
  const pt = [...before, ...after];
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const ptWall = med(pt.map((p) => p.wall)), ptCpu = med(pt.map((p) => p.cpu));
  const xxWall = med(ours.passes.map((p) => p.wall)), xxCpu = med(ours.passes.map((p) => p.cpu));
  const rate = (n, s) => (s > 0 ? n / s : 0);
  const f1 = (v) => v.toFixed(1);
  const lines = [
    `${files.length} PDFs, ${pageCount} pages (${files.map((f) => path.basename(f)).join(', ')}); ${ROUNDS} rounds each, median shown; ${ours.ok}/${files.length} extracted without failure`,
    `                      pages/s (wall)  reports/s (wall)  pages/s (CPU)  peak RSS`,
    `xxgk extract         ${f1(rate(pageCount, xxWall)).padStart(14)}  ${f1(rate(files.length, xxWall)).padStart(16)}  ${f1(rate(pageCount, xxCpu)).padStart(13)}  ${(ours.rss / 1024).toFixed(0)} MB`,
    `pdftotext -layout    ${f1(rate(pageCount, ptWall)).padStart(14)}  ${f1(rate(files.length, ptWall)).padStart(16)}  ${f1(rate(pageCount, ptCpu)).padStart(13)}  ${(Math.max(...pt.map((p) => p.rss)) / 1024).toFixed(0)} MB`,
    `ratio xxgk/pdftotext page rate: ${(rate(pageCount, xxWall) / rate(pageCount, ptWall)).toFixed(2)} wall, ${ptCpu > 0 ? (rate(pageCount, xxCpu) / rate(pageCount, ptCpu)).toFixed(2) : 'n/a'} CPU (target ≥ 0.33)`,
  ];
  return lines;
}
