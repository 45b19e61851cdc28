// The whole CLI over a folder of distinct text-layer PDFs, outputs and review page included, next
// to `pdftotext -layout` over the same files, in the same run: the page-rate ratio (target >= 1/3).
// Inputs: the corpus PDFs that have a text layer, each in BENCH_CLI_FILES/5 byte-distinct variants
// (a PDF comment after %%EOF: same pages, another sha256, so each one is extracted). Modes: the
// default (`--thumbnails review`: images only for reports that need a look) and `--thumbnails all`
// (every PDF's table pages), so the cost of the page images is seen on its own. Rounds alternate.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const title = 'Whole CLI run over distinct text-layer PDFs vs pdftotext -layout';

const pagesOf = (f) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [f], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 0);

export async function run({ root, corpus }) {
  const n = Number(process.env.BENCH_CLI_FILES ?? 72);
  const rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 1);
  const seeds = [];
  for (const sub of ['seed', 'real']) {
    for (const f of fs.readdirSync(path.join(corpus, sub)).filter((x) => x.endsWith('.pdf')).sort()) {
      const p = path.join(corpus, sub, f);
      if ((spawnSync('pdftotext', [p, '-'], { encoding: 'utf8' }).stdout ?? '').trim().length > 50) seeds.push(p);
    }
  }
  if (!seeds.length) return ['corpus not found: skipped'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-cli-'));
  const inputs = path.join(dir, 'in');
  fs.mkdirSync(inputs);
  let pages = 0;
  for (let i = 0; i < n; i++) {
    const src = seeds[i % seeds.length];
    const f = path.join(inputs, `${String(i).padStart(3, '0')}-${path.basename(src)}`);
    fs.writeFileSync(f, Buffer.concat([fs.readFileSync(src), Buffer.from(`\n%xxgk-bench variant ${i}\n`)]));
    pages += pagesOf(f);
  }
  const lines = [`${n} distinct PDFs, ${pages} pages (variants of ${seeds.map((s) => path.basename(s)).join(', ')}); load average ${os.loadavg()[0].toFixed(1)} at start`];
  const pdftotext = () => {
    const t = process.hrtime.bigint();
    spawnSync('sh', ['-c', `for f in "${inputs}"/*.pdf; do pdftotext -layout "$f" /dev/null; done`]);
    return Number(process.hrtime.bigint() - t) / 1e9;
  };
  const xxgk = (mode) => {
    const out = path.join(dir, `out-${mode}`);
    fs.rmSync(out, { recursive: true, force: true });
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'extract', inputs, '--out', out, '--log', 'json', '--thumbnails', mode], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    const s = JSON.parse(r.stdout.trim().split('\n').pop());
    const img = path.join(out, 'review', 'img');
    return { wall, batch: s.seconds, outputs: s.outputs.seconds, review: s.outputs.reviewSeconds, statuses: s.byStatus, images: fs.existsSync(img) ? fs.readdirSync(img).length : 0 };
  };
  const res = { pdftotext: [], review: [], all: [] };
  for (let k = 0; k < rounds; k++) {
    res.pdftotext.push(pdftotext());
    res.review.push(xxgk('review'));
    res.all.push(xxgk('all'));
    res.pdftotext.push(pdftotext());
  }
  const pt = Math.min(...res.pdftotext);
  lines.push(`pdftotext -layout: ${pt.toFixed(2)} s = ${(pages / pt).toFixed(0)} pages/s (best of ${res.pdftotext.length})`);
  for (const mode of ['review', 'all']) {
    const b = res[mode].reduce((x, y) => (y.wall < x.wall ? y : x));
    lines.push(`xxgk extract --thumbnails ${mode}: ${b.wall.toFixed(2)} s wall = ${(pages / b.wall).toFixed(1)} pages/s (batch ${b.batch.toFixed(2)} s, outputs ${b.outputs.toFixed(2)} s of which review page ${b.review.toFixed(2)} s = ${(100 * b.review / b.wall).toFixed(1)}% of the run; ${b.images} page images; statuses ${JSON.stringify(b.statuses)})`);
    lines.push(`  ratio xxgk / pdftotext page rate: ${(pt / b.wall).toFixed(3)} (target >= 0.333)${pt / b.wall >= 1 / 3 ? '' : ' — BELOW TARGET'}`);
  }
  const a = res.all.reduce((x, y) => (y.wall < x.wall ? y : x)), z = res.review.reduce((x, y) => (y.wall < x.wall ? y : x));
  lines.push(`every PDF's page images (--thumbnails all) drawn in the workers: +${(a.wall - z.wall).toFixed(2)} s (${(100 * (a.wall - z.wall) / z.wall).toFixed(0)}% of the default run); load average ${os.loadavg()[0].toFixed(1)} at end`);
  fs.rmSync(dir, { recursive: true, force: true });
  return lines;
}
