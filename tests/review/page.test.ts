/** The review page's data and layouts, and thumbnail selection, without a browser. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { ReportRecord } from '../../src/model';
import { renderThumbnails } from '../../src/readers/pdf/thumbnail';
import { reviewHtml } from '../../src/writers/review';
import type { Payload, ReportDetail, ReportSummary } from '../../src/writers/review/data';
import { layouts } from '../../src/writers/review/layout';
import { buildThumbnails, tablePages } from '../../src/writers/review/thumbs';
import { itWithCorpus } from '../helpers/corpus';
import { HONGZE_PDF, hongzeRecord, syntheticRecords } from './records';

/** The list data parsed at load, each report merged with its detail (parsed on open). */
function payloadOf(html: string): Omit<Payload, 'reports'> & { reports: (ReportSummary & ReportDetail)[] } {
  const m = /<script type="application\/json" id="xxgk-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  const p = JSON.parse(m![1]) as Payload;
  const details = new Map([...html.matchAll(/<script type="application\/json" id="d-(\d+)">([^<]*)<\/script>/g)].map((x) => [Number(x[1]), JSON.parse(x[2]) as ReportDetail]));
  expect(details.size).toBe(p.reports.length);
  return { ...p, reports: p.reports.map((r) => ({ ...r, ...details.get(r.i)! })) };
}

itWithCorpus('the page embeds its data once, loads nothing from the network, and escapes what records contain', () => {
  const evil = hongzeRecord();
  evil.report.agency = '</script><script>alert(1)</script>';
  const html = reviewHtml([hongzeRecord(), evil, ...syntheticRecords(5)]);
  expect(html.match(/id="xxgk-data"/g)).toHaveLength(1);
  // The list's data comes before the script, each report's detail after it (parsed when opened).
  expect(html.indexOf('id="xxgk-data"')).toBeLessThan(html.indexOf('<script>'));
  expect(html.indexOf('id="d-0"')).toBeGreaterThan(html.indexOf('<script>'));
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  expect(html).toContain("default-src 'none'");
  expect(html).not.toContain('<script>alert(1)');
  const p = payloadOf(html);
  expect(p.reports).toHaveLength(7);
  expect(p.reports[1].a).toBe('</script><script>alert(1)</script>');
});

itWithCorpus('hongze-2023: failed identities carry the codes of table 四, shapes are read per table', () => {
  const p = payloadOf(reviewHtml([hongzeRecord()]));
  const r = p.reports[0];
  expect(r.nf).toBe(2);
  const failed = r.cf.map((c) => [c[0], c[3], c[4], c[5].map((i) => p.codes[i]).sort()]);
  expect(failed).toContainEqual(['t4.block_sum', 11, 0, ['t4.review.corrected', 't4.review.other', 't4.review.pending', 't4.review.total', 't4.review.upheld']]);
  expect(r.tables.find((t) => t.t === 2)?.shape).toBe('2021');
  expect(r.tables.find((t) => t.t === 3)?.shape).toBe('2019');
  expect(r.nc).toBe(186);
  expect(r.v).toHaveLength(186);
  // Pages run-length over the cells in code order: every cell has its page, table 四's are on page 4.
  expect(r.p.reduce((s, [, n]) => s + n, 0)).toBe(186);
  expect(r.p[r.p.length - 1][0]).toBe(4);
  expect(new Set(r.p.map(([pg]) => pg))).toEqual(new Set([2, 3, 4]));
});

itWithCorpus('null cells keep their printed text, low-confidence cells are flagged', () => {
  const rec: ReportRecord = hongzeRecord();
  rec.cells['t4.review.pending'] = { ...rec.cells['t4.review.pending'], value: null, raw: '—' };
  rec.cells['t3.granted.total'] = { ...rec.cells['t3.granted.total'], lowConfidence: true, confidence: 0.41 };
  const p = payloadOf(reviewHtml([rec]));
  const r = p.reports[0];
  const pos = (code: string) => {
    const idx: number[] = [];
    for (const part of r.k.split(',')) { const [a, b] = part.split('-').map(Number); for (let i = a; i <= (b ?? a); i++) idx.push(i); }
    return idx.indexOf(p.codes.indexOf(code));
  };
  expect(r.v[pos('t4.review.pending')]).toBeNull();
  expect(r.r[pos('t4.review.pending')]).toBe('—');
  expect(r.x[pos('t3.granted.total')].slice(0, 2)).toEqual([1, 0.41]);
  expect(r.ls[r.x[pos('t3.granted.total')][4]]).toBe('总计');
  expect(r.nl).toBe(1);
  expect(r.nz).toBe(1);
});

test('layouts follow the printed tables of both formats', () => {
  const L = layouts();
  expect(L.t2['2019'].groups.map((g) => g.title)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项']);
  expect(L.t2['2019'].groups[1].columns).toEqual(['上一年项目数量', '本年增/减', '处理决定数量']);
  expect(L.t2['2021'].groups[1].columns).toEqual(['本年处理决定数量']);
  expect(L.t2['2021'].groups.flatMap((g) => g.rows.flatMap((r) => r.codes))).toHaveLength(10);
  expect(L.t2['2019'].groups.flatMap((g) => g.rows.flatMap((r) => r.codes)).filter(Boolean)).toHaveLength(22);
  expect(L.t3['2019'].rows.map((r) => r.key)).toContain('t3.other.combined');
  expect(L.t3['2021'].rows).toHaveLength(25);
  expect(L.t3['2019'].rows).toHaveLength(23);
  expect(L.t4.columns).toHaveLength(15);
  expect(L.t4.columns[5].path).toEqual(['行政诉讼', '未经复议直接起诉', '结果维持']);
});

itWithCorpus('thumbnail pages: crop to the cells\' region only when every cell on the page has a box', () => {
  const rec = hongzeRecord();
  expect(tablePages(rec).map((p) => p.page)).toEqual([2, 3, 4]);
  expect(tablePages(rec).every((p) => !p.crop)).toBe(true);
  for (const [code, c] of Object.entries(rec.cells)) if (c.page === 4) c.bbox = code === 't4.review.upheld' ? { x0: 60, y0: 500, x1: 90, y1: 520 } : { x0: 100, y0: 300, x1: 500, y1: 330 };
  expect(tablePages(rec).find((p) => p.page === 4)?.crop).toEqual({ x0: 60, y0: 300, x1: 500, y1: 520 });
});

itWithCorpus('thumbnails: rendered from the source PDF, or a note saying why not', async () => {
  const direct = await renderThumbnails(Buffer.from('not a pdf'), [{ page: 1 }]);
  expect(direct.value).toEqual([]);
  expect(direct.messages[0].code).toBe('thumbnail-failed');

  const ok = hongzeRecord();
  const moved = { ...hongzeRecord(), source: { ...ok.source, file: '/nonexistent/hongze-2023.pdf' } };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-thumb-'));
  const changedFile = path.join(dir, 'hongze-2023.pdf');
  writeFileSync(changedFile, 'changed');
  const changed = { ...hongzeRecord(), source: { ...ok.source, file: changedFile } };
  ok.tables = ok.tables.filter((t) => t.table === 4);
  for (const [code, c] of Object.entries(ok.cells)) if (!code.startsWith('t4.')) delete c.page;
  const t = await buildThumbnails([ok, moved, changed], { policy: 'all' });
  expect(t.images).toHaveLength(1);
  expect(t.images[0]).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  const [thumb] = t.perReport.get(0)!.thumbs;
  expect(thumb).toMatchObject({ page: 4, id: 0 });
  if (ok.cells['t4.review.total'].bbox) {
    // Every cell on the page has a box (poppler found table 四's numbers): the image is cropped to them.
    expect(thumb.cropped).toBe(true);
    expect(thumb.rg[1]).toBeLessThan(452);
    expect(thumb.rg[3]).toBeGreaterThan(466);
    expect(thumb.rg[3] - thumb.rg[1]).toBeLessThan(200);
  } else expect(thumb).toEqual({ page: 4, id: 0, cropped: false, rg: [0, 0, 595, 842] });
  expect(t.perReport.get(1)?.note).toMatch(/not at \/nonexistent/);
  expect(t.perReport.get(2)?.note).toMatch(/changed since it was extracted/);
  const none = await buildThumbnails([hongzeRecord()], { policy: 'none' });
  expect(none.images).toHaveLength(0);
  expect(none.perReport.get(0)?.note).toMatch(/turned off/);
  expect(HONGZE_PDF).toMatch(/hongze-2023\.pdf$/);
}, 60000);

test('xxgk review: unreadable record files are reported, partial records still listed, bad usage exits 2', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-review-cli-'));
  mkdirSync(path.join(dir, 'records'));
  writeFileSync(path.join(dir, 'records', 'old.pdf.json'), JSON.stringify({ source: { file: 'old.pdf' }, status: 'failed' }));
  writeFileSync(path.join(dir, 'records', 'broken.json'), 'garbage');
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await main(['review', dir, '--quiet'])).toBe(0);
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('records/broken.json');
    expect(await main(['review', dir, '--thumbnails', 'some'])).toBe(2);
    expect(await main(['review', path.join(dir, 'nothing-here')])).toBe(1);
  } finally { err.mockRestore(); out.mockRestore(); }
  const p = payloadOf(readFileSync(path.join(dir, 'review.html'), 'utf8'));
  expect(p.reports.map((r) => [r.f, r.st, r.nc])).toEqual([['old.pdf', 'failed', 0]]);
});
