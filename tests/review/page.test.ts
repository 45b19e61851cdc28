/** The review page's data and layouts, and thumbnail selection, without a browser. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { ReportRecord } from '../../src/model';
import { drawThumbnails, tablePages } from '../../src/pipeline/thumbnails';
import { renderThumbnails } from '../../src/readers/pdf/thumbnail';
import { writeReview } from '../../src/writers/review';
import { layouts } from '../../src/writers/review/layout';
import { readReview } from './chunks';
import { itWithCorpus } from '../helpers/corpus';
import { HONGZE_PDF, hongzeRecord, syntheticRecords } from './records';

/** Write the page for these records into a fresh folder and read it back. */
async function pageOf(records: ReportRecord[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-page-'));
  await writeReview(dir, records);
  return readReview(dir);
}

itWithCorpus('the page embeds only its header, loads nothing from the network, and escapes what records contain', async () => {
  const evil = hongzeRecord();
  evil.report.agency = '</script><script>alert(1)</script>';
  const p = await pageOf([hongzeRecord(), evil, ...syntheticRecords(5)]);
  const html = p.html;
  expect(html.match(/id="xxgk-data"/g)).toHaveLength(1);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  expect(html).toContain("default-src 'none'");
  expect(html).not.toContain('alert(1)');
  expect(p.list).toEqual(['list-0000.js']);
  expect(p.n).toBe(7);
  expect(p.reports).toHaveLength(7);
  expect(p.reports.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(p.reports[1].a).toBe('</script><script>alert(1)</script>');
});

itWithCorpus('hongze-2023: failed identities carry the codes of table 四, shapes are read per table', async () => {
  const p = await pageOf([hongzeRecord()]);
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

itWithCorpus('null cells keep their printed text, low-confidence cells are flagged', async () => {
  const rec: ReportRecord = hongzeRecord();
  rec.cells['t4.review.pending'] = { ...rec.cells['t4.review.pending'], value: null, raw: '—' };
  rec.cells['t3.granted.total'] = { ...rec.cells['t3.granted.total'], lowConfidence: true, confidence: 0.41 };
  const p = await pageOf([rec]);
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

itWithCorpus('thumbnails: drawn from the PDF under the policy, written as files the page refers to', async () => {
  const direct = await renderThumbnails(Buffer.from('not a pdf'), [{ page: 1 }]);
  expect(direct.value).toEqual([]);
  expect(direct.messages[0].code).toBe('thumbnail-failed');
  const pdf = readFileSync(HONGZE_PDF);
  const rec = hongzeRecord();
  rec.tables = rec.tables.filter((t) => t.table === 4);
  for (const [code, c] of Object.entries(rec.cells)) if (!code.startsWith('t4.')) delete c.page;
  const drawn = await drawThumbnails(rec, pdf, 'all');
  expect(drawn.map((t) => t.page)).toEqual([4]);
  expect([...drawn[0].data.subarray(0, 2)]).toEqual([0xff, 0xd8]); // JPEG
  expect(drawn[0].mime).toBe('image/jpeg');
  if (rec.cells['t4.review.total'].bbox) {
    expect(drawn[0].cropped).toBe(true);
    expect(drawn[0].region.y1 - drawn[0].region.y0).toBeLessThan(200);
  } else expect(drawn[0].region).toEqual({ x0: 0, y0: 0, x1: 595, y1: 842 });
  // hongze-2023 has failed checks, so it needs review; an ok record under `review` gets none.
  expect((await drawThumbnails(rec, pdf, 'review')).length).toBe(1);
  const fine = { ...rec, checks: rec.checks.filter((c) => c.outcome !== 'fail') };
  expect(await drawThumbnails(fine, pdf, 'review')).toEqual([]);
  expect(await drawThumbnails(rec, pdf, 'none')).toEqual([]);
  expect(await drawThumbnails({ ...rec, source: { ...rec.source, format: 'html' } }, pdf, 'all')).toEqual([]);
  // The writer puts them beside the page and the detail names the file; a PDF without images says why.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-thumb-'));
  await writeReview(dir, [rec, hongzeRecord()], { thumbnails: new Map([[0, drawn]]) });
  const p = readReview(dir);
  const [th] = p.reports[0].th!;
  expect(th).toMatchObject({ page: 4, src: `review/img/${rec.source.sha256}-p4.jpg`, w: drawn[0].width, h: drawn[0].height });
  expect(readFileSync(path.join(dir, th.src)).equals(drawn[0].data)).toBe(true);
  expect(p.reports[1].th).toBeUndefined();
  expect(p.reports[1].tn).toMatch(/no page image was drawn/);
}, 60000);

test('xxgk review: rewrites the outputs from the store; no store there exits 1, bad usage 2', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-review-cli-'));
  const input = path.join(dir, 'in.txt');
  writeFileSync(input, readFileSync(path.join(__dirname, '..', '..', 'samples', 'pingdingshan-jiaoti-2023.txt')));
  const out = path.join(dir, 'out');
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await main(['review', path.join(dir, 'nothing-here')])).toBe(1);
    expect(await main(['review', dir, '--thumbnails', 'some'])).toBe(2);
    expect(await main(['extract', input, '--out', out, '--quiet', '--workers', '0'])).toBe(0);
    const before = readFileSync(path.join(out, 'cells.csv'));
    writeFileSync(path.join(out, 'review.html'), 'damaged');
    expect(await main(['review', out, '--quiet'])).toBe(0);
    expect(readFileSync(path.join(out, 'cells.csv')).equals(before)).toBe(true);
  } finally { err.mockRestore(); log.mockRestore(); }
  const p = readReview(out);
  expect(p.reports.map((r) => [path.basename(r.f), r.st])).toEqual([['in.txt', 'ok']]);
});
