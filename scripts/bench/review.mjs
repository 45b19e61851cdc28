// review.html at scale: time to write the page and its chunks, their size, and time to interactive
// in Debian's Chromium for N (REVIEW_BENCH_N, default 50,000) copies of the corpus records (varied
// names, some with a wrong table 四 total). Interactive: the first list chunk drawn (the list answers
// from then on); ready: every list chunk read, filters complete. Target: 50,000 interactive < 2 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const title = 'review.html: write and load time at 50,000 reports';

export async function run({ root, corpus }) {
  const require = createRequire(path.join(root, 'package.json'));
  const { extract } = require(path.join(root, 'dist/pipeline/extract.js'));
  const { runChecks } = require(path.join(root, 'dist/checks/identities.js'));
  const { writeReview } = require(path.join(root, 'dist/writers/review/index.js'));
  const seeds = [path.join(corpus, 'seed/pingdingshan-jiaoti-2023.html'), path.join(corpus, 'seed/pingdingshan-jiaoti-2023.txt'), path.join(corpus, 'real/shuyang-gov-2025.txt')];
  const base = [];
  for (const f of seeds) base.push(await extract(f));
  const N = Number(process.env.REVIEW_BENCH_N ?? 50000);
  // Generated one at a time as the writer takes them: 50,000 whole records would not fit the heap.
  const records = function* () { for (let i = 0; i < N; i++) {
    const r = structuredClone(base[i % base.length]);
    r.source.file = `run/${i}/${path.basename(r.source.file)}`;
    if (i % 13 === 0 && r.cells['t4.review.total']) {
      r.cells['t4.review.total'].value += 1;
      r.checks = runChecks(r.cells, '2021');
    }
    yield r;
  } };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-review-bench-'));
  let t = process.hrtime.bigint();
  await writeReview(dir, records());
  const buildMs = Number(process.hrtime.bigint() - t) / 1e6;
  const file = path.join(dir, 'review.html');
  const chunks = fs.readdirSync(path.join(dir, 'review'));
  const bytes = (re) => chunks.filter((f) => re.test(f)).reduce((s, f) => s + fs.statSync(path.join(dir, 'review', f)).size, 0) / 1048576;
  const lines = [`${N} reports: page and chunks written in ${buildMs.toFixed(0)} ms (${(buildMs / N).toFixed(3)} ms a report); review.html ${(fs.statSync(file).size / 1024).toFixed(0)} KB, ` +
    `list chunks ${bytes(/^list-/).toFixed(1)} MB, detail chunks ${bytes(/^detail-/).toFixed(1)} MB`];
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
      const t1 = Date.now();
      await page.check('#only-fail');
      await page.locator('#spacer .lrow').first().click();
      await page.waitForSelector('#detail td.v.fail', { timeout: 30000 });
      const act = Date.now() - t1;
      lines.push(`load ${k + 1}: interactive (first chunk drawn) ${tm.first.toFixed(0)} ms after navigation start, every chunk read ${ready.toFixed(0)} ms (${wall} ms from goto; ` +
        `script starts ${tm.scriptStart.toFixed(0)}, DOMContentLoaded ${dcl.toFixed(0)} ms); then filter to failed checks + open one report (its detail chunk loaded) ${act} ms` +
        `${ready < 2000 ? ' (target: every chunk read < 2 s: met)' : ' — every chunk read ABOVE the 2 s target'}`);
      await page.close();
    }
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
