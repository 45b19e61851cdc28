/** Reads a written review page back the way the browser does: header from review.html, then every
 * list and detail chunk line run against a stand-in `xxgk` object. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Payload, ReportDetail, ReportSummary } from '../../src/writers/review/data';

export type ReadBack = Payload & { reports: (ReportSummary & ReportDetail)[]; html: string };

export function readReview(dir: string): ReadBack {
  const html = readFileSync(path.join(dir, 'review.html'), 'utf8');
  const m = /<script type="application\/json" id="xxgk-data">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no header in review.html');
  const p = JSON.parse(m[1]) as Payload;
  const list: ReportSummary[] = [];
  const details = new Map<number, ReportDetail>();
  const xxgk = { l: (s: ReportSummary) => list.push(s), d: (i: number, d: ReportDetail) => details.set(i, d) };
  for (const f of p.list) new Function('xxgk', readFileSync(path.join(dir, p.dir, f), 'utf8'))(xxgk);
  const rdir = path.join(dir, p.dir);
  for (const f of existsSync(rdir) ? readdirSync(rdir).filter((n) => /^detail-\d+\.js$/.test(n)).sort() : []) {
    new Function('xxgk', readFileSync(path.join(rdir, f), 'utf8'))(xxgk);
  }
  return { ...p, html, reports: list.map((r) => ({ ...r, ...details.get(r.i)! })) };
}
