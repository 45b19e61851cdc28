import fs from 'node:fs';
import path from 'node:path';
import { ocrStatus } from '../../src/ocr/document';
import { ocrPage, OcrPageTimeout } from '../../src/ocr/page';
import { makeGray } from '../../src/ocr/raster';
import { extract } from '../../src/pipeline/extract';
import { itWithCorpus, SEED as seed } from '../helpers/corpus';

const status = ocrStatus();
if (!status.ok) console.warn(`tests/ocr: OCR integration tests SKIPPED: ${status.reason}`);
const withOcr = status.ok ? describe : describe.skip;
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

  itWithCorpus('extracts a PNG screenshot of table 三 on its own', async () => {
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

  itWithCorpus('reads the tables of the clean scanned PDF with every value right or flagged', async () => {
    const file = path.join(seed, 'pingdingshan-jiaoti-2023.scanned-clean.pdf');
    const rec = await extract(file);
    expect(rec.source.route).toBe('pdfjs+ppocr');
    expect(rec.timing?.ocrSeconds).toBeGreaterThan(0);
    // Table 三 runs over pages 2-5 and comes back as one table.
    expect(rec.tables.map((t) => t.table).sort()).toEqual([2, 3, 4]);
    expect(rec.tables.find((t) => t.table === 3)?.sources).toHaveLength(1);
    const r = compare(rec.cells, truthOf('pingdingshan-jiaoti-2023.scanned-clean.pdf'));
    expect(r.unflagged).toEqual([]);
    expect(r.right / r.total).toBeGreaterThanOrEqual(0.99);
  }, 300_000);
});
