// PDF throughput: full extraction (read → tables → mapping → checks) of the corpus PDFs that have
// a text layer, next to `pdftotext -layout` on the same files in the same run.
//   node scripts/bench.mjs pdf          (after `npm run build`)
// Our side runs in a child process so its peak RSS is its own. Its passes are reported three ways:
//   cold   the first pass of a fresh process (loading pdf.js included),
//   early  passes 2..4 (what this bench used to report: V8 has not finished optimizing pdf.js yet),
//   warm   after BENCH_WARMUP passes, which is what a batch of more than a few dozen reports sees;
// the target (a third of pdftotext's page rate) is judged on warm, the others are shown beside it.
// pdftotext runs once per file from a shell loop, as it would in a pipeline; its CPU time comes
// from the shell's `times` (millisecond resolution; /usr/bin/time rounds each short run to 10 ms).
// Rounds alternate so both sides see the same machine load; the machine may be shared, so CPU
// seconds (which load changes much less than wall time) are reported and compared too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const title = 'PDF throughput (text-layer PDFs): xxgk full extraction vs pdftotext -layout';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Passes over all files before the warm rounds are timed (the cold and early passes among them). */
const WARMUP = Math.max(4, Number(process.env.BENCH_WARMUP ?? 8));
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

/** One pass of pdftotext over all files from one shell: wall seconds, CPU seconds of the pdftotext
 * processes (the shell's `times`), peak RSS (KB) of the largest run (separately, with /usr/bin/time). */
function pdftotextPass(files) {
  const script = 'for f in "$@"; do pdftotext -layout "$f" - > /dev/null || exit 1; done; times';
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', script, 'bench', ...files], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  // `times` prints the shell's own user/sys line, then its children's.
  const secs = (t) => { const m = /(\d+)m([\d.]+)s/.exec(t); return m ? Number(m[1]) * 60 + Number(m[2]) : 0; };
  const child = (r.stdout.trim().split('\n').pop() ?? '').trim().split(/\s+/);
  return { wall, cpu: secs(child[0] ?? '') + secs(child[1] ?? '') };
}

function pdftotextRss(files) {
  if (!fs.existsSync('/usr/bin/time')) return 0;
  let rss = 0;
  for (const f of files) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'pdftotext', '-layout', f, '/dev/null'], { encoding: 'utf8' });
    const m = /(\d+)\s*$/.exec(r.stderr ?? '');
    if (m) rss = Math.max(rss, Number(m[1]));
  }
  return rss;
}

/** Our extraction of all files: WARMUP passes then `rounds` timed ones, in one child process. */
function xxgkPasses(root, files, rounds) {
  const script = `
    const t00 = process.hrtime.bigint(), c00 = process.cpuUsage();
    const { extract } = require(${JSON.stringify(path.join(root, 'dist', 'pipeline', 'extract.js'))});
    const files = ${JSON.stringify(files)};
    (async () => {
      const passes = [];
      let ok = 0;
      for (let r = 0; r < ${WARMUP} + ${rounds}; r++) {
        const t0 = r === 0 ? t00 : process.hrtime.bigint(), c0 = r === 0 ? c00 : process.cpuUsage();
        for (const f of files) { const rec = await extract(f); if (r === 0 && rec.status !== 'failed') ok++; }
        const c = process.cpuUsage(c0);
        passes.push({ wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 });
      }
      process.stdout.write(JSON.stringify({ passes, ok, rss: process.resourceUsage().maxRSS }));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`extraction child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  return { ...out, cold: out.passes[0], early: out.passes.slice(1, 4), warm: out.passes.slice(WARMUP) };
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
  const ptRss = pdftotextRss(files);
  const pt = [...before, ...after];
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const ptWall = med(pt.map((p) => p.wall)), ptCpu = med(pt.map((p) => p.cpu));
  const rate = (n, s) => (s > 0 ? n / s : 0);
  const f1 = (v) => v.toFixed(1);
  const row = (name, wall, cpu, rss) => `${name.padEnd(32)}${f1(rate(pageCount, wall)).padStart(9)}${f1(rate(files.length, wall)).padStart(11)}${f1(rate(pageCount, cpu)).padStart(9)}${rss ? `  ${(rss / 1024).toFixed(0)} MB` : ''}`;
  const ratio = (wall, cpu) => `${(rate(pageCount, wall) / rate(pageCount, ptWall)).toFixed(2)} wall, ${ptCpu > 0 ? (rate(pageCount, cpu) / rate(pageCount, ptCpu)).toFixed(2) : 'n/a'} CPU`;
  const early = { wall: med(ours.early.map((p) => p.wall)), cpu: med(ours.early.map((p) => p.cpu)) };
  const warm = { wall: med(ours.warm.map((p) => p.wall)), cpu: med(ours.warm.map((p) => p.cpu)) };
  return [
    `${files.length} PDFs, ${pageCount} pages (${files.map((f) => path.basename(f)).join(', ')}); ${ours.ok}/${files.length} extracted without failure`,
    `xxgk: ${WARMUP} warm-up passes then ${ROUNDS} timed, median; pdftotext: ${ROUNDS * 2} passes around ours, median`,
    `                                 pages/s  reports/s  pages/s  peak RSS`,
    `                                  (wall)     (wall)    (CPU)`,
    row('xxgk extract, warm', warm.wall, warm.cpu, ours.rss),
    row('xxgk extract, early (passes 2-4)', early.wall, early.cpu, 0),
    row('xxgk extract, cold (1st pass)', ours.cold.wall, ours.cold.cpu, 0),
    row('pdftotext -layout', ptWall, ptCpu, ptRss),
    `ratio xxgk/pdftotext page rate: warm ${ratio(warm.wall, warm.cpu)} (target ≥ 0.33); early ${ratio(early.wall, early.cpu)}; cold ${ratio(ours.cold.wall, ours.cold.cpu)}`,
  ];
}
