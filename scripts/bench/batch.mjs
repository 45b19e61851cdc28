// Batch scaling: the same folder of distinct reports extracted with 1 and with 2 worker processes
// (no store, so every file is extracted), files/s and the speed-up, plus peak resident memory per
// worker. Inputs: the corpus text/HTML reports, each in many distinct variants (a trailing comment
// or blank line changes the bytes, not the report), so the pool has work to share and dedupe does
// not kick in. Set BENCH_BATCH_FILES to change the folder size (default 240).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const title = 'Batch throughput: 1 vs 2 worker processes';

export async function run({ root, corpus }) {
  const { extractBatch } = await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href);
  const n = Number(process.env.BENCH_BATCH_FILES ?? 240);
  const sources = [];
  for (const sub of ['seed', 'real']) {
    for (const f of await fs.readdir(path.join(corpus, sub)).catch(() => [])) {
      if (/\.(txt|html)$/.test(f)) sources.push(path.join(corpus, sub, f));
    }
  }
  if (!sources.length) return ['corpus not found: skipped'];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-bench-batch-'));
  try {
    for (let i = 0; i < n; i++) {
      const src = sources[i % sources.length];
      const data = await fs.readFile(src);
      const marker = src.endsWith('.html') ? `\n<!-- ${i} -->\n` : `\n\n${' '.repeat(i + 1)}\n`;
      await fs.writeFile(path.join(dir, `${i}-${path.basename(src)}`), Buffer.concat([data, Buffer.from(marker)]));
    }
    const lines = [`${n} distinct inputs (${sources.map((s) => path.basename(s)).join(', ')} variants); ${os.availableParallelism()} cores`];
    const result = {};
    for (const workers of [1, 2]) {
      let end;
      const t0 = process.hrtime.bigint();
      let count = 0;
      const statuses = {};
      for await (const r of extractBatch([dir], { workers, onEvent: (e) => { if (e.type === 'end') end = e; } })) {
        count++;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      result[workers] = count / s;
      const peaks = end.workers.map((w) => `${(w.peakRssBytes / 1048576).toFixed(0)} MB`);
      lines.push(`${workers} worker${workers > 1 ? 's' : ' '}: ${count} files in ${s.toFixed(2)} s = ${(count / s).toFixed(1)} files/s; ` +
        `statuses ${JSON.stringify(statuses)}; peak RSS per worker process: ${peaks.join(', ')}`);
    }
    const x = result[2] / result[1];
    lines.push(`speed-up 2 vs 1 workers: ${x.toFixed(2)}x (target >= 1.7x)${x >= 1.7 ? '' : ' — BELOW TARGET'}`);
    lines.push(`main process peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    return lines;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
