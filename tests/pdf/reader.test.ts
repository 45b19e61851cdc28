import fs from 'node:fs';
import path from 'node:path';
import type { Cell, DocumentModel, Message, ReadFacts, Table } from '../../src/model';
import { extract } from '../../src/pipeline/extract';
import { readPage } from '../../src/readers/pdf/content';
import { PdfReader } from '../../src/readers/pdf';
import { openDocument } from '../../src/readers/pdf/pdfjs';
import { DEFAULT_POLICY } from '../../src/model';

const FIX = path.join(__dirname, '..', 'fixtures', 'pdf');

async function read(name: string): Promise<{ doc: DocumentModel; messages: Message[]; facts: ReadFacts }> {
  const buffer = fs.readFileSync(path.join(FIX, name));
  const r = await new PdfReader().read({ buffer, name, sniffed: 'pdf', options: { policy: DEFAULT_POLICY } });
  await r.facts.release?.();
  return { doc: r.value, messages: r.messages, facts: r.facts };
}

const tables = (doc: DocumentModel): Table[] => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
/** Row texts with merged cells repeated in every slot they cover, as the grid holds them. */
const texts = (t: Table) => t.rows.map((row) => row.map((c) => c?.text ?? null));
const values = (rec: Awaited<ReturnType<typeof extract>>) => Object.fromEntries(Object.entries(rec.cells).map(([k, v]) => [k, v.value]));

describe('PDF reader', () => {
  test('documents read at the same time on the shared worker come out as when read one by one', async () => {
    const names = ['unruled.libreoffice.pdf', 'repeated-header.chromium.pdf', 'landscape.chromium.pdf', 'unruled.libreoffice.pdf'];
    const one: DocumentModel[] = [];
    for (const n of names) one.push((await read(n)).doc);
    const together = (await Promise.all(names.map(read))).map((r) => r.doc);
    expect(together).toEqual(one);
    expect(one[1].blocks.length).toBeGreaterThan(0);
    expect(one[0]).toEqual(one[3]);
  });

  test('a table without any rulings is read by alignment (stream)', async () => {
    const { doc } = await read('unruled.libreoffice.pdf');
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    expect(ts[0].method).toBe('stream');
    expect(texts(ts[0])).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '2', '0', '5'],
      ['行政规范性文件', '3', '1', '11'],
    ]);
    // The caption above and the note below stay text.
    const text = doc.blocks.filter((b) => b.kind === 'text').map((b) => (b as { text: string }).text);
    expect(text).toContain('二、主动公开政府信息情况');
    expect(text.some((t) => t.startsWith('以上数据截至2023年12月31日'))).toBe(true);
    const rec = await extract(path.join(FIX, 'unruled.libreoffice.pdf'));
    expect(values(rec)).toMatchObject({ 't2.regulations.issued': 2, 't2.regulations.repealed': 0, 't2.regulations.in_force': 5, 't2.normative_docs.issued': 3, 't2.normative_docs.repealed': 1, 't2.normative_docs.in_force': 11 });
    expect(rec.tables.find((t) => t.table === 2)?.methods).toEqual(['stream']);
  });

  test('a table with only an outer frame and row lines (no inner verticals) falls back to stream', async () => {
    const { doc } = await read('frame-only.chromium.pdf');
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    expect(ts[0].method).toBe('stream');
    expect(texts(ts[0])).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '4', '1', '9'],
      ['行政规范性文件', '12', '3', '40'],
    ]);
    const rec = await extract(path.join(FIX, 'frame-only.chromium.pdf'));
    expect(values(rec)).toMatchObject({ 't2.regulations.issued': 4, 't2.normative_docs.in_force': 40 });
  });

  test('a table continued on the next page with a repeated header becomes one table', async () => {
    const { doc, messages } = await read('repeated-header.chromium.pdf');
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    const t = ts[0];
    expect(t.method).toBe('lattice');
    expect([t.page, t.pageEnd]).toEqual([1, 2]);
    expect(t.rows).toHaveLength(2 + 60);
    expect(texts(t).slice(0, 2)).toEqual([['项目', '数量', '数量', '数量'], ['项目', '甲类', '乙类', '合计']]);
    // Header cells are merged cells: the same object in every slot they cover.
    expect(t.rows[0][1]).toBe(t.rows[0][3]);
    expect(t.rows[0][0]).toBe(t.rows[1][0]);
    expect(t.rows[0][0]).toMatchObject({ rowSpan: 2, colSpan: 1 });
    for (let n = 1; n <= 60; n++) expect(texts(t)[n + 1]).toEqual([`第${n}项`, `${n}`, `${2 * n}`, `${3 * n}`]);
    // Every cell knows its page and box; the continuation's cells are on page 2.
    const cells = t.rows.flat().filter((c): c is Cell => !!c);
    expect(cells.every((c) => c.page && c.bbox && c.bbox.x1 > c.bbox.x0 && c.bbox.y1 > c.bbox.y0)).toBe(true);
    expect(t.rows[61][0]?.page).toBe(2);
    expect(t.rows[2][0]?.page).toBe(1);
    expect(new Set(cells.map((c) => c.id)).size).toBe(new Set(cells).size);
    expect(messages.some((m) => m.code === 'pdf-table-stitched')).toBe(true);
  });

  test('borders drawn as thin filled rectangles (Chromium) are rulings', async () => {
    const { doc, pdfjs } = await openDocument(fs.readFileSync(path.join(FIX, 'repeated-header.chromium.pdf')));
    try {
      const page = await doc.getPage(1);
      const ol = await page.getOperatorList();
      // The page strokes nothing: every border is a filled path.
      const paints = ol.fnArray.map((fn, i) => (fn === pdfjs.OPS.constructPath ? (ol.argsArray[i] as number[])[0] : -1)).filter((p) => p >= 0);
      expect(paints.some((p) => p === pdfjs.OPS.fill || p === pdfjs.OPS.eoFill)).toBe(true);
      expect(paints.some((p) => p === pdfjs.OPS.stroke || p === pdfjs.OPS.closeStroke)).toBe(false);
      const content = readPage(pdfjs, page, ol);
      expect(content.verticals.length).toBeGreaterThanOrEqual(5);
      expect(content.horizontals.length).toBeGreaterThanOrEqual(30);
    } finally {
      await doc.destroy();
    }
  });

  test('a landscape page holds a 15-column table with spanning headers', async () => {
    const { doc } = await read('landscape.chromium.pdf');
    expect(doc.pages![0].width).toBeGreaterThan(doc.pages![0].height);
    const [t] = tables(doc);
    expect(t.rows[0]).toHaveLength(15);
    expect(t.rows[0][0]).toMatchObject({ text: '行政复议', colSpan: 5 });
    expect(t.rows[0][5]).toMatchObject({ text: '行政诉讼', colSpan: 10 });
    expect(texts(t)[3]).toEqual(['1', '2', '3', '4', '10', '5', '6', '7', '8', '26', '9', '10', '11', '12', '42']);
    const rec = await extract(path.join(FIX, 'landscape.chromium.pdf'));
    expect(values(rec)).toMatchObject({ 't4.review.total': 10, 't4.suit_direct.pending': 8, 't4.suit_after_review.upheld': 9, 't4.suit_after_review.total': 42 });
  });

  test('a rotated page (/Rotate 90) and a page set sideways read upright', async () => {
    const { doc } = await read('rotated.pdf');
    expect(doc.pages![0].rotation).toBe(90);
    const ts = tables(doc);
    expect(ts).toHaveLength(2); // the same table on two pages, not stitched: neither runs to a page end
    for (const t of ts) expect(texts(t)).toEqual([['Item', 'Q1', 'Q2'], ['alpha', '1', '2'], ['beta', '3', '4']]);
    expect(ts.map((t) => t.page)).toEqual([1, 2]);
  });

  test('an image-only PDF is reported as needing OCR, never as an empty report', async () => {
    const { doc, facts } = await read('scan.pdf');
    expect(doc.pages).toEqual([expect.objectContaining({ page: 1, imageOnly: true, textChars: 0 })]);
    expect(facts.unreadable).toBeUndefined();
    expect(facts.images).toEqual([expect.objectContaining({ kind: 'page', page: 1 })]);
    // Without OCR the record says the scan needs it; with OCR the page image is read instead.
    const rec = await extract(path.join(FIX, 'scan.pdf'), { noOcr: true });
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toMatch(/OCR/);
    const ocr = await extract(path.join(FIX, 'scan.pdf'));
    expect(ocr.source.route).toBe('pdfjs+ppocr');
    expect(ocr.warnings.some((w) => w.code === 'ocr-disabled' || w.code === 'ocr-unavailable')).toBe(false);
  }, 120_000);

  test('a page with text and a large picture (a table pasted as an image) asks for OCR', async () => {
    const { doc, facts } = await read('pictured.pdf');
    expect(doc.pages![0]).toMatchObject({ textChars: expect.any(Number) });
    expect(doc.pages![0].imageOnly).toBeFalsy();
    expect(doc.blocks).toContainEqual(expect.objectContaining({ kind: 'text', text: 'Statistics of applications, see the table below.' }));
    expect(facts.images).toEqual([expect.objectContaining({ kind: 'picture', page: 1 })]);
    // With OCR off the record says what is missing (with OCR the picture is read: tests/ocr/embedded).
    const rec = await extract(path.join(FIX, 'pictured.pdf'), { noOcr: true });
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toMatch(/OCR/);
  });

  test('encrypted PDFs: open with the empty user password, else a failed record saying so', async () => {
    const open = await read('encrypted-owner.pdf');
    expect(open.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(texts(tables(open.doc)[0])[1]).toEqual(['alpha', '1', '2']);
    const locked = await read('encrypted-user.pdf');
    expect(locked.messages).toContainEqual(expect.objectContaining({ severity: 'error', code: 'pdf-encrypted' }));
    const rec = await extract(path.join(FIX, 'encrypted-user.pdf'));
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toMatch(/password/);
  });

  test('a damaged PDF is a failed record, not a crash', async () => {
    const buf = fs.readFileSync(path.join(FIX, 'rotated.pdf')).subarray(0, 200);
    const rec = await extract(buf, { name: 'damaged.pdf' });
    expect(rec.status).toBe('failed');
  });
});
