import type { Gray } from './raster';
import { crop, pad } from './raster';
import { detectText, type TextBox } from './ppocr/detect';
import { recognizeLines } from './ppocr/recognize';

/** Which text outside the tables to read: the lines that give a page its structure (titles,
 * headings, short lines, the lines right before a table), or every line. */
export type TextScope = 'structure' | 'all';

export interface TextLine { text: string; confidence: number; x0: number; y0: number; x1: number; y1: number }

/** A line this much narrower than the page's widest is not running body text. */
const SHORT_LINE = 0.75;
/** A line this much taller than the median is set in a title size. */
const TALL_LINE = 1.3;
/** Lines kept right above each table (its caption, the heading before it). */
const LINES_BEFORE_TABLE = 3;

/**
 * Text lines of `img` outside `masked` regions: PP-OCR detection (DB) finds the text boxes, boxes
 * on one baseline are one line, and the recognizer reads the chosen lines. Reading every line of
 * body text costs seconds a page on a CPU; `structure` reads what the pipeline uses (titles,
 * headings, captions) and leaves paragraphs out.
 */
export async function readTextLines(img: Gray, dpi: number, tableTops: number[], scope: TextScope): Promise<{ lines: TextLine[]; skipped: number }> {
  const boxes = (await detectText(img, dpi)).filter((b) => b.x1 - b.x0 >= 0.04 * dpi && b.y1 - b.y0 >= 0.04 * dpi);
  const lines = groupLines(boxes);
  if (!lines.length) return { lines: [], skipped: 0 };
  const widest = Math.max(...lines.map((l) => l.x1 - l.x0));
  const heights = lines.map((l) => l.y1 - l.y0).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)];
  const keep = new Set<number>();
  lines.forEach((l, i) => {
    if (scope === 'all' || l.x1 - l.x0 < SHORT_LINE * widest || l.y1 - l.y0 > TALL_LINE * median || i === 0) keep.add(i);
  });
  for (const top of tableTops) {
    const above = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.y1 <= top + 2).slice(-LINES_BEFORE_TABLE);
    for (const { i } of above) keep.add(i);
  }
  const chosen = lines.filter((_, i) => keep.has(i));
  const parts = chosen.flatMap((l, li) => l.boxes.map((b) => ({ li, img: pad(crop(img, b.x0, b.y0, b.x1, b.y1), 4) })));
  const res = await recognizeLines(parts.map((p) => p.img));
  const out: TextLine[] = chosen.map((l) => ({ text: '', confidence: 1, x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 }));
  parts.forEach((p, k) => {
    const r = res[k].general;
    if (!r.text) return;
    const o = out[p.li];
    const tight = !o.text || /[\u3400-\u9fff，。、：；（）]$/.test(o.text) || /^[\u3400-\u9fff，。、：；（）]/.test(r.text);
    o.text += tight ? r.text : ` ${r.text}`;
    o.confidence = Math.min(o.confidence, r.confidence);
  });
  return { lines: out.filter((l) => l.text), skipped: lines.length - chosen.length };
}

interface LineGroup { boxes: TextBox[]; x0: number; y0: number; x1: number; y1: number }

/** Boxes that overlap vertically by half their height are one line, read left to right. */
function groupLines(boxes: TextBox[]): LineGroup[] {
  const sorted = [...boxes].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const lines: LineGroup[] = [];
  for (const b of sorted) {
    const h = b.y1 - b.y0;
    const line = lines.find((l) => Math.min(l.y1, b.y1) - Math.max(l.y0, b.y0) > 0.5 * Math.min(h, l.y1 - l.y0));
    if (line) { line.boxes.push(b); line.x0 = Math.min(line.x0, b.x0); line.x1 = Math.max(line.x1, b.x1); line.y0 = Math.min(line.y0, b.y0); line.y1 = Math.max(line.y1, b.y1); }
    else lines.push({ boxes: [b], x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
  }
  for (const l of lines) l.boxes.sort((a, b) => a.x0 - b.x0);
  return lines.sort((a, b) => a.y0 - b.y0);
}
