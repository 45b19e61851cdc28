// Cold starts of the CLI: `xxgk --version`, `xxgk extract one.txt`, `xxgk extract one-5-page.pdf`,
// each a fresh process into a fresh --out (BENCH_COLD_RUNS runs, default 7; best and median), next
// to `node -e 0` (what a Node process costs on this machine right now). Targets: .txt <= 0.3 s,
// 5-page PDF <= 0.5 s wall.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const title = 'Cold starts: --version, one .txt, one 5-page PDF';

export async function run({ root, corpus }) {
  const runs = Number(process.env.BENCH_COLD_RUNS ?? 7);
  const bin = path.join(root, 'bin', 'xxgk.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-cold-'));
  const pdf = path.join(corpus, 'real', 'hongze-2023.pdf');
  const txt = path.join(root, 'samples', 'pingdingshan-jiaoti-2023.txt');
  const time = (args) => {
    const ws = [];
    for (let i = 0; i < runs; i++) {
      const out = path.join(dir, `o${i}`);
      fs.rmSync(out, { recursive: true, force: true });
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args.map((a) => a.replace('OUT', out)), { encoding: 'utf8' });
      ws.push(Number(process.hrtime.bigint() - t) / 1e9);
      if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    }
    ws.sort((a, b) => a - b);
    return `best ${ws[0].toFixed(3)} s, median ${ws[Math.floor(ws.length / 2)].toFixed(3)} s`;
  };
  const lines = [`load average ${os.loadavg()[0].toFixed(1)} at start; ${runs} runs each`];
  lines.push(`node -e 0 (a bare Node start here): ${time(['-e', '0'])}`);
  lines.push(`xxgk --version: ${time([bin, '--version'])}`);
  lines.push(`xxgk extract one .txt: ${time([bin, 'extract', txt, '--out', 'OUT', '--quiet'])} (target <= 0.3 s)`);
  if (fs.existsSync(pdf)) lines.push(`xxgk extract one 5-page PDF (hongze-2023.pdf): ${time([bin, 'extract', pdf, '--out', 'OUT', '--quiet'])} (target <= 0.5 s)`);
  const pt = time(['-e', `require('child_process').execFileSync('pdftotext', ['-layout', ${JSON.stringify(pdf)}, '/dev/null'])`]);
  lines.push(`pdftotext -layout on the same PDF, from a node process: ${pt}; load average ${os.loadavg()[0].toFixed(1)} at end`);
  fs.rmSync(dir, { recursive: true, force: true });
  return lines;
}
