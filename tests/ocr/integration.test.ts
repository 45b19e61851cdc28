import fs from 'node:fs';
import path from 'node:path';
import { ocrStatus } from '../../src/ocr/document';
import { ocrPage, OcrPageTimeout } from '../../src/ocr/page';
import { makeGray } from '../../src/ocr/raster';
import { buildRecord, extract } from '../../src/pipeline/extract';
import { readScannedPdf } from '../../src/readers/pdf/scanned';

const status = ocrStatus();
if (!status.ok) console.warn(`tests/ocr: OCR integration tests SKIPPED: ${status.reason}`);
const withOcr = status.ok ? describe : describe.skip;
const seed = path.resolve(__dirname, '../../../shared/corpus/seed');
const truthOf = (f: string) => JSON.parse(fs.readFileSync(path.join(seed, `${f}.truth.json`), 'utf8')).cells as Record<string, number | null>;

/** Right cells, and wrong non-null values that are not flagged for review (must never happen). */
function compare(cells: Record<string, { value: number | null; lowConfidence?: boolean }>, truth: Record<string, number | null>) {
  const codes = Object.keys(truth);
  const right = codes.filter((c) => cells[c] && cells[c].value === truth[c]);
  const unflagged = codes.filter((c) => cells[c] && cells[c].value !== truth[c] && cells[c].value !== null && !cells[c].lowConfidence);
  return { right: right.length, total: codes.length, unflagged };
}

withOcr('OCR end to end (PP-OCR)', () => {
  it('abandons a page that exceeds its time budget', async () => {
    const page = makeGray(2000, 2000, 255);
    for (let y = 200; y < 1800; y += 60) page.data.fill(0, y * 2000 + 200, y * 2000 + 1800);
    await expect(ocrPage({ image: page, dpi: 200, page: 1, timeoutSeconds: 0.001 })).rejects.toBeInstanceOf(OcrPageTimeout);
  });

  it('extracts a PNG screenshot of table 三 on its own', async () => {
    const rec = await extract(path.join(__dirname, '../fixtures/ocr/table3-screenshot.png'));
    expect(rec.source.format).toBe('image');
    const truth = Object.fromEntries(Object.entries(truthOf('pingdingshan-jiaoti-2023.html')).filter(([c]) => c.startsWith('t3.')));
    const r = compare(rec.cells, truth);
    expect(r.unflagged).toEqual([]);
    expect(r.right / r.total).toBeGreaterThanOrEqual(0.95);
    expect(rec.tables.find((t) => t.table === 3)?.methods).toEqual(['ocr']);
    // Every OCR'd value carries its confidence.
    expect(Object.values(rec.cells).every((c) => typeof c.confidence === 'number')).toBe(true);
    expect(rec.timing?.ocrSeconds).toBeGreaterThan(0);
  }, 180_000);

  (fs.existsSync(seed) ? it : it.skip)('reads the tables of the clean scanned PDF (pages 2-5) with every value right or flagged', async () => {
    const file = path.join(seed, 'pingdingshan-jiaoti-2023.scanned-clean.pdf');
    const buf = fs.readFileSync(file);
    const read = await readScannedPdf(buf, {}, [2, 3, 4, 5]);
    expect(read.value.pages?.map((p) => p.page)).toEqual([2, 3, 4, 5]);
    expect(read.value.pages?.every((p) => (p.ocrSeconds ?? 0) > 0)).toBe(true);
    // Table 三 runs over pages 2-5 and comes back as one table.
    const tables = read.value.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(3);
    const rec = buildRecord(read.value, read.messages, file, buf);
    const r = compare(rec.cells, truthOf('pingdingshan-jiaoti-2023.scanned-clean.pdf'));
    expect(r.unflagged).toEqual([]);
    expect(r.right / r.total).toBeGreaterThanOrEqual(0.99);
  }, 300_000);
});
