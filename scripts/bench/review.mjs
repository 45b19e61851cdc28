// review.html at scale: page build time, size, and time to interactive in Debian's Chromium for
// N copies of the corpus records (varied names, some with a wrong table 四 total).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const title = 'review.html: build and load time at 5,000 reports';

export async function run({ root, corpus }) {
  const require = createRequire(path.join(root, 'package.json'));
  const { extract } = require(path.join(root, 'dist/pipeline/extract.js'));
  const { runChecks } = require(path.join(root, 'dist/checks/identities.js'));
  const { reviewHtml } = require(path.join(root, 'dist/writers/review/index.js'));
  const seeds = [path.join(corpus, 'seed/pingdingshan-jiaoti-2023.html'), path.join(corpus, 'seed/pingdingshan-jiaoti-2023.txt'), path.join(corpus, 'real/shuyang-gov-2025.txt')];
  const base = [];
  for (const f of seeds) base.push(await extract(f));
  const N = Number(process.env.REVIEW_BENCH_N ?? 5000);
  const records = [];
  for (let i = 0; i < N; i++) {
    const r = structuredClone(base[i % base.length]);
    r.source.file = `run/${i}/${path.basename(r.source.file)}`;
    if (i % 13 === 0 && r.cells['t4.review.total']) {
      r.cells['t4.review.total'].value += 1;
      r.checks = runChecks(r.cells, '2021');
    }
    records.push(r);
  }
  let t = process.hrtime.bigint();
  const html = reviewHtml(records);
  const buildMs = Number(process.hrtime.bigint() - t) / 1e6;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-review-bench-'));
  const file = path.join(dir, 'review.html');
  fs.writeFileSync(file, html);
  const lines = [`${N} reports: page built in ${buildMs.toFixed(0)} ms, ${(html.length / 1048576).toFixed(1)} MB`];
  let chromium;
  try { ({ chromium } = require('playwright-core')); } catch { lines.push('playwright-core not installed: load time not measured'); return lines; }
  if (!fs.existsSync('/usr/bin/chromium')) { lines.push('/usr/bin/chromium missing: load time not measured'); return lines; }
  const ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    for (let k = 0; k < 3; k++) {
      const page = await ctx.newPage();
      t = Date.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__xxgkReady !== undefined, undefined, { polling: 10, timeout: 60000 });
      const wall = Date.now() - t;
      const ready = await page.evaluate(() => window.__xxgkReady);
      const tm = await page.evaluate(() => window.__xxgkTiming);
      await page.waitForLoadState('domcontentloaded');
      const dcl = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
      lines.push(`load ${k + 1}: interactive ${ready.toFixed(0)} ms after navigation start (${wall} ms from goto; ` +
        `script starts ${tm.scriptStart.toFixed(0)}, data parsed ${(tm.dataParsed - tm.scriptStart).toFixed(0)} ms, list drawn ${(tm.ready - tm.dataParsed).toFixed(0)} ms; every report's detail read by ${dcl.toFixed(0)} ms)`);
      await page.close();
    }
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
