import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../../src/pipeline/extract';
import { drawThumbnails } from '../../src/pipeline/thumbnails';
import { pdfjsWorkerKind } from '../../src/readers/pdf/pdfjs';
import { itWithCorpus, REAL } from '../helpers/corpus';

const pdf = path.join(REAL, 'hongze-2023.pdf');

/** Share of dark pixels: a page drawn without glyphs is all white but for the table rulings. */
async function ink(jpeg: Buffer): Promise<number> {
  const { loadImage, createCanvas } = require('@napi-rs/canvas');
  const img = await loadImage(jpeg);
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
