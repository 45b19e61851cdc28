import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { extract, extractDocument } from '../../src/pipeline/extract';
import { drawThumbnails } from '../../src/pipeline/thumbnails';
import { pdfjsWorkerKind } from '../../src/readers/pdf/pdfjs';
import { renderThumbnails } from '../../src/readers/pdf/thumbnail';
import { itWithCorpus, REAL } from '../helpers/corpus';

const pdf = path.join(REAL, 'hongze-2023.pdf');

/** Share of dark pixels: a page drawn without glyphs is all white but for the table rulings. */
async function ink(jpeg: Buffer, size?: { width: number; height: number }): Promise<number> {
  const { loadImage, createCanvas } = require('@napi-rs/canvas');
  const img = await loadImage(jpeg);
  if (size) { expect(Math.abs(img.width - size.width)).toBeLessThanOrEqual(1); expect(Math.abs(img.height - size.height)).toBeLessThanOrEqual(1); }
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height).data as Uint8ClampedArray;
  let dark = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 300) dark++;
  return dark / (d.length / 4);
}

itWithCorpus('after extraction with the text-only pdf.js worker, the same process draws table pages with their glyphs', async () => {
  const rec = await extract(pdf);
  expect(rec.status).toBe('ok');
  expect(pdfjsWorkerKind()).toBe('text-only');
  const pages = await drawThumbnails(rec, fs.readFileSync(pdf), 'all');
  expect(pages.map((p) => p.page)).toEqual([2, 3, 4]);
  // Digits and labels are there: several percent of the table region is ink (rulings alone are well under 1%).
  for (const p of pages) expect(await ink(p.data)).toBeGreaterThan(0.02);
}, 120_000);

const hasPdftoppm = spawnSync('pdftoppm', ['-v']).status === 0;
if (!hasPdftoppm) process.stderr.write('skipped: pdftoppm and pdf.js thumbnails compared: poppler-utils (pdftoppm) is not installed\n');
(hasPdftoppm ? itWithCorpus : it.skip)('pdftoppm draws what pdf.js draws: the same region at the same size, with the glyphs', async () => {
  const { record, pages } = await extractDocument(pdf);
  expect(record.status).toBe('ok');
  const p4 = pages!.find((p) => p.page === 4)!;
  const size = { width: p4.width, height: p4.height };
  const requests = [{ page: 4, size }, { page: 4, size, crop: { x0: 60, y0: 300, x1: 500, y1: 520 } }, { page: 99, size }];
  const bytes = fs.readFileSync(pdf);
  const poppler = await renderThumbnails(bytes, requests);
  const pdfjs = await renderThumbnails(bytes, requests, { renderer: 'pdfjs' });
  expect(poppler.value.map((t) => t.renderer)).toEqual(['pdftoppm', 'pdftoppm']);
  expect(pdfjs.value.map((t) => t.renderer)).toEqual(['pdfjs', 'pdfjs']);
  // A page that is not there: pdftoppm fails it, pdf.js says why.
  for (const r of [poppler, pdfjs]) expect(r.messages.map((m) => m.code)).toEqual(['thumbnail-failed']);
  for (const [i, t] of poppler.value.entries()) {
    const other = pdfjs.value[i];
    expect({ region: t.region, cropped: t.cropped, width: t.width, height: t.height }).toEqual({ region: other.region, cropped: other.cropped, width: other.width, height: other.height });
    const a = await ink(t.jpeg, t), b = await ink(other.jpeg, other);
    expect(a).toBeGreaterThan(0.02);
    expect(a / b).toBeGreaterThan(0.5);
    expect(a / b).toBeLessThan(2);
  }
  expect(poppler.value[1].cropped).toBe(true);
}, 120_000);
