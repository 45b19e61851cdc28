// Batch scaling: the same folder of distinct reports extracted with 1 and with 2 worker processes
// (no store, so every file is extracted): files/s, the speed-up, and peak resident memory per
// worker process. Inputs: the corpus text/HTML reports, each in many distinct variants (a trailing
// comment or blank line changes the bytes, not the report), so dedupe does not kick in. The cores
// are shared with other work, so 1 and 2 workers alternate for several rounds and the best round
// of each counts (the median is shown too). BENCH_BATCH_FILES (default 400), BENCH_BATCH_ROUNDS (2).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const title = 'Batch throughput: 1 vs 2 worker processes';

export async function run({ root, corpus }) {
  const { extractBatch } = await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href);
  const n = Number(process.env.BENCH_BATCH_FILES ?? 400);
  const rounds = Number(process.env.BENCH_BATCH_ROUNDS ?? 2);
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
    const lines = [`${n} distinct inputs (variants of ${sources.map((s) => path.basename(s)).join(', ')}); ${os.availableParallelism()} cores; load average ${os.loadavg()[0].toFixed(1)} at start`];
    const runs = { 1: [], 2: [] };
    for (let round = 0; round < rounds; round++) {
      for (const workers of round % 2 ? [2, 1] : [1, 2]) {
        let end;
        const cpu0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        let count = 0;
        const statuses = {};
        for await (const r of extractBatch([dir], { workers, onEvent: (e) => { if (e.type === 'end') end = e; } })) {
          count++;
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        }
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        const cpu = process.cpuUsage(cpu0);
        runs[workers].push({ s, rate: count / s, count, statuses, peaks: end.workers.map((w) => w.peakRssBytes / 1048576),
          cores: end.workers.reduce((t, w) => t + (w.cpuSeconds ?? 0), 0) / s, mainCpu: (cpu.user + cpu.system) / 1e6 });
      }
    }
    const best = {};
    for (const workers of [1, 2]) {
      const rs = runs[workers];
      const b = rs.reduce((x, y) => (y.rate > x.rate ? y : x));
      const median = [...rs].sort((x, y) => x.rate - y.rate)[Math.floor(rs.length / 2)].rate;
      best[workers] = b.rate;
      lines.push(`${workers} worker${workers > 1 ? 's' : ' '}: best ${b.count} files in ${b.s.toFixed(2)} s = ${b.rate.toFixed(1)} files/s (median ${median.toFixed(1)}, rounds ${rs.map((r) => r.rate.toFixed(1)).join('/')}); ` +
        `statuses ${JSON.stringify(b.statuses)}; peak RSS per worker process: ${b.peaks.map((p) => `${p.toFixed(0)} MB`).join(', ')}; cores the workers got ${b.cores.toFixed(2)}; main process CPU ${b.mainCpu.toFixed(2)} s`);
    }
    const x = best[2] / best[1];
    lines.push(`speed-up 2 vs 1 workers (best rounds): ${x.toFixed(2)}x (target >= 1.4x)${x >= 1.4 ? '' : ' — BELOW TARGET'}; load average ${os.loadavg()[0].toFixed(1)} at end`);
    // Per-file cost of the pool: the same files in this process (no IPC, no worker start) vs 1 worker.
    let inproc = Infinity;
    for (let round = 0; round < rounds; round++) {
      const t0 = process.hrtime.bigint();
      for await (const _ of extractBatch([dir], { workers: 0 })) { /* count only */ }
      inproc = Math.min(inproc, Number(process.hrtime.bigint() - t0) / 1e9);
    }
    const one = runs[1].reduce((a, b) => (b.s < a.s ? b : a)).s;
    lines.push(`in this process (--workers 0, no pool): ${inproc.toFixed(2)} s = ${(n / inproc).toFixed(1)} files/s; pool overhead with 1 worker: ` +
      `${(((one - inproc) / n) * 1000).toFixed(2)} ms per file (${(((one - inproc) / one) * 100).toFixed(0)}% of the 1-worker run; worker start, IPC and the record's structured clone included)`);
    const per = (w) => runs[w].reduce((x, y) => (y.rate > x.rate ? y : x));
    const perCore = (w) => per(w).rate / per(w).cores;
    lines.push(`throughput per core actually obtained: ${perCore(1).toFixed(1)} files/s (1 worker) vs ${perCore(2).toFixed(1)} files/s per core (2 workers): ` +
      `the pool itself costs ${((1 - perCore(2) / perCore(1)) * 100).toFixed(0)}%; on two otherwise idle cores the speed-up would be about ${(2 * perCore(2) / perCore(1)).toFixed(2)}x`);
    lines.push(`main process peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    return lines;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
