import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { extract } from '../../src/pipeline/extract';
import { ocrStatus } from '../../src/ocr/document';

const shot = path.resolve(__dirname, '../fixtures/ocr/table3-screenshot.png');
const withImageDocx = path.resolve(__dirname, '../fixtures/word/with-image.docx');
const seedTruth = path.resolve(__dirname, '../../../shared/corpus/seed/pingdingshan-jiaoti-2023.html.truth.json');
const withOcr = ocrStatus().ok ? describe : describe.skip;

const page = (img: string) => `<html><head><meta charset="utf-8"><title>某某局2023年政府信息公开工作年度报告</title></head><body>
<h1>某某局2023年政府信息公开工作年度报告</h1><h2>三、收到和处理政府信息公开申请情况</h2><p><img src="${img}"></p></body></html>`;

/** Table 三 values against the seed report's truth (the screenshot is of its table 三). */
function t3Right(cells: Record<string, { value: number | null; lowConfidence?: boolean }>): { right: number; total: number; unflaggedWrong: string[] } {
  const truth = fs.existsSync(seedTruth) ? JSON.parse(fs.readFileSync(seedTruth, 'utf8')).cells as Record<string, number> : null;
  const codes = Object.keys(truth ?? cells).filter((c) => c.startsWith('t3.'));
  let right = 0;
  const unflaggedWrong: string[] = [];
  for (const c of codes) {
    if (!truth) { if (cells[c]?.value != null) right++; continue; }
    if (cells[c] && cells[c].value === truth[c]) right++;
    else if (cells[c]?.value != null && !cells[c].lowConfidence) unflaggedWrong.push(c);
  }
  return { right, total: codes.length, unflaggedWrong };
}

describe('pictures inside documents', () => {
  it('are named and not read when OCR is off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-img-'));
    fs.copyFileSync(shot, path.join(dir, 'table3.png'));
    fs.writeFileSync(path.join(dir, 'report.html'), page('table3.png'));
    const rec = await extract(path.join(dir, 'report.html'), { noOcr: true });
    expect(rec.warnings).toContainEqual(expect.objectContaining({ code: 'image-not-read', message: expect.stringMatching(/table3\.png.*OCR is disabled/) }));
    expect(rec.statusReason).toMatch(/1 picture that was not read/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

withOcr('tables pasted as pictures (OCR)', () => {
  it('an <img> saved beside an HTML page is read in place', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-img-'));
    fs.mkdirSync(path.join(dir, 'report_files'));
    fs.copyFileSync(shot, path.join(dir, 'report_files', 'image001.png'));
    fs.writeFileSync(path.join(dir, 'report.html'), page('report_files/image001.png'));
    const rec = await extract(path.join(dir, 'report.html'));
    const s = t3Right(rec.cells);
    expect(s.total).toBe(175);
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.95);
    expect(s.unflaggedWrong).toEqual([]);
    expect(rec.warnings).toContainEqual(expect.objectContaining({ code: 'image-ocr' }));
    expect(rec.tables.find((t) => t.table === 3)?.methods[0]).toMatch(/^ocr-image:/);
    expect(rec.timing?.ocrSeconds).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('a picture inside a .docx is read in place', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(withImageDocx));
    const media = Object.keys(zip.files).find((f) => /^word\/media\/image1\.png$/.test(f))!;
    zip.file(media, fs.readFileSync(shot));
    const docx = await zip.generateAsync({ type: 'nodebuffer' });
    const rec = await extract(docx, { name: 'pasted-table.docx' });
    const s = t3Right(rec.cells);
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.95);
    expect(s.unflaggedWrong).toEqual([]);
    expect(rec.warnings.some((w) => w.code === 'image-ocr' && w.message.includes('word/media/image1.png'))).toBe(true);
  }, 180_000);
});

withOcr('a table pasted as a picture on a PDF text page', () => {
  const pdf = path.resolve(__dirname, '../fixtures/ocr/pasted-table3.pdf');
  it('is OCR\'d on its own, in place, without reading the page text twice', async () => {
    const rec = await extract(pdf);
    const s = t3Right(rec.cells);
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.95);
    expect(s.unflaggedWrong).toEqual([]);
    expect(rec.source.route).toMatch(/ppocr on pictures of pages 2/);
    expect(rec.warnings.some((w) => w.code === 'image-not-read')).toBe(false);
    expect(rec.tables.find((t) => t.table === 3)).toMatchObject({ pages: [2], methods: [expect.stringMatching(/^ocr-picture:/)] });
  }, 180_000);
  it('without OCR the page is flagged as carrying a picture that was not read', async () => {
    const rec = await extract(pdf, { noOcr: true });
    expect(rec.warnings.filter((w) => w.code === 'image-not-read').map((w) => w.message)).toEqual(['picture pictures on page 2 not read: OCR is disabled (--no-ocr)']);
    expect(rec.statusReason).toMatch(/1 picture that was not read/);
    expect(Object.keys(rec.cells)).toHaveLength(0);
  });
});
