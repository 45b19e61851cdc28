import type { Block, Cell, Message, Table, TextBlock } from '../model';
import { msg } from '../model';
import { cellImage, wordsToText, type CellImage } from './cells';
import { readCells, UNSURE } from './read-cells';
import { estimateSkew, MIN_CORRECTED_SKEW } from './deskew';
import { buildTables, type GridTable } from './grid';
import { horizontalRulings, rulingParams, verticalRulings } from './lines';
import type { Gray } from './raster';
import { binarize, crop, inkThreshold, otsu, paperLevel, rotate } from './raster';
import { recognizeBatch, type OcrRequest } from './tesseract';

export interface OcrPageInput {
  image: Gray;
  /** Pixels per inch of `image`. */
  dpi: number;
  /** 1-based page number for provenance. */
  page: number;
  timeoutSeconds: number;
}

export interface OcrPageResult {
  blocks: Block[];
  messages: Message[];
  seconds: number;
  skew: number;
  /** The detected grids, for callers stitching tables across pages (page pixels → points). */
  grids: { table: Table; grid: GridTable }[];
}

/** Smallest table worth the name (inches): a grid smaller than this is boxed text or a logo. */
const MIN_TABLE_WIDTH_IN = 1;
const MIN_TABLE_HEIGHT_IN = 0.2;
/** Scans at or above this resolution are read as they are: upsampling a 200-dpi cell made
 * tesseract misread single digits ("7" → "" / "允") on the seed scans. */
const MIN_NATIVE_DPI = 150;

/**
 * OCR one page raster: deskew, find ruled tables in the bitmap, read them cell by cell (the
 * general Chinese model for every cell, a digit-only pass for the ones that look like numbers),
 * and read the text outside the tables as lines. Coordinates in the model are points (1/72 in).
 */
export async function ocrPage(input: OcrPageInput): Promise<OcrPageResult> {
  const started = process.hrtime.bigint();
  const messages: Message[] = [];
  const { dpi, page } = input;
  const skew = estimateSkew(input.image);
  const img = Math.abs(skew) >= MIN_CORRECTED_SKEW ? rotate(input.image, skew) : input.image;
  if (Math.abs(skew) >= MIN_CORRECTED_SKEW) messages.push(msg('info', 'ocr-deskew', `page ${page} deskewed by ${skew}°`, { where: { page } }));
  const lineMask = binarize(img, inkThreshold(img));
  const params = rulingParams(dpi);
  const hs = horizontalRulings(lineMask, img.width, img.height, params);
  const vs = verticalRulings(lineMask, img.width, img.height, params);
  const tol = Math.max(3, Math.round(0.03 * dpi));
  const grids = buildTables(hs, vs, tol).filter((t) => t.bbox.x1 - t.bbox.x0 >= MIN_TABLE_WIDTH_IN * dpi && t.bbox.y1 - t.bbox.y0 >= MIN_TABLE_HEIGHT_IN * dpi);
  const textMask = binarize(img, otsu(img));
  const upscale = dpi >= MIN_NATIVE_DPI ? 1 : Math.min(2, 200 / dpi);
  const pt = 72 / dpi;
  const budget = () => Math.max(5, input.timeoutSeconds - Number(process.hrtime.bigint() - started) / 1e9);

  // All cells of all tables of the page, a few tesseract runs (one per pass) for the whole page.
  const cellImages: { grid: number; ci: CellImage }[] = [];
  grids.forEach((g, gi) => { for (const c of g.cells) cellImages.push({ grid: gi, ci: cellImage(img, textMask, c, g.thickness, dpi, upscale) }); });
  const inked = cellImages.filter((x) => x.ci.image);
  const tGrid = elapsed(started);
  const readings = await readCells(inked, dpi, budget);
  const tCells = elapsed(started) - tGrid;

  const out: { y: number; block: Block }[] = [];
  const tables: { table: Table; grid: GridTable }[] = [];
  grids.forEach((g, gi) => {
    const R = g.ys.length - 1, C = g.xs.length - 1;
    const rows: (Cell | null)[][] = Array.from({ length: R }, () => Array<Cell | null>(C).fill(null));
    let id = 0;
    for (const { ci } of cellImages.filter((x) => x.grid === gi)) {
      const c = ci.cell;
      const r = readings.get(ci);
      const cell: Cell = {
        id: id++, text: r?.text ?? '', row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, page,
        bbox: { x0: c.x0 * pt, y0: c.y0 * pt, x1: c.x1 * pt, y1: c.y1 * pt },
      };
      if (r) cell.confidence = round2(r.confidence);
      if (r?.alternatives?.length && (r.confidence < UNSURE)) cell.alternatives = r.alternatives;
      for (let rr = c.row; rr < c.row + c.rowSpan; rr++) for (let cc = c.col; cc < c.col + c.colSpan; cc++) rows[rr][cc] = cell;
    }
    const table: Table = {
      rows, method: 'ocr', page, pageEnd: page,
      bbox: { x0: g.bbox.x0 * pt, y0: g.bbox.y0 * pt, x1: g.bbox.x1 * pt, y1: g.bbox.y1 * pt },
    };
    tables.push({ table, grid: g });
    out.push({ y: g.bbox.y0, block: { kind: 'table', table } });
  });

  // Text outside the tables, read as lines.
  const rest = crop(img, 0, 0, img.width, img.height);
  for (const g of grids) {
    const m = Math.round(0.02 * dpi);
    for (let y = Math.max(0, Math.floor(g.bbox.y0) - m); y < Math.min(img.height, Math.ceil(g.bbox.y1) + m); y++) {
      rest.data.fill(255, y * img.width + Math.max(0, Math.floor(g.bbox.x0) - m), y * img.width + Math.min(img.width, Math.ceil(g.bbox.x1) + m));
    }
  }
  if (hasInk(rest)) {
    const [words] = await recognizeBatch([rest], req('chi_sim', 3, budget()));
    const byLine = new Map<string, typeof words>();
    for (const w of words) { const l = byLine.get(w.line) ?? []; l.push(w); byLine.set(w.line, l); }
    for (const ws of byLine.values()) {
      const { text } = wordsToText(ws);
      if (!text) continue;
      const x0 = Math.min(...ws.map((w) => w.left)), y0 = Math.min(...ws.map((w) => w.top));
      const x1 = Math.max(...ws.map((w) => w.left + w.width)), y1 = Math.max(...ws.map((w) => w.top + w.height));
      const block: TextBlock = { kind: 'text', text, page, bbox: { x0: x0 * pt, y0: y0 * pt, x1: x1 * pt, y1: y1 * pt } };
      out.push({ y: y0, block });
    }
  }
  out.sort((a, b) => a.y - b.y);
  const seconds = elapsed(started);
  messages.push(msg('info', 'ocr-page-time', `page ${page}: ${seconds.toFixed(1)} s (deskew+grid ${tGrid.toFixed(1)}, ${inked.length} cells ${tCells.toFixed(1)}, text ${(seconds - tGrid - tCells).toFixed(1)})`, { where: { page } }));
  return { blocks: out.map((o) => o.block), messages, seconds, skew, grids: tables };
}

const req = (lang: string, psm: number, timeoutSeconds: number, whitelist?: string): OcrRequest => ({ lang, psm, timeoutSeconds, whitelist });
const elapsed = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Clearly dark pixels (well below paper, above scanner noise) worth a text pass. */
function hasInk(img: Gray): boolean {
  const t = paperLevel(img) - 80;
  let n = 0;
  for (let i = 0; i < img.data.length; i += 3) if (img.data[i] < t) n++;
  return n > 200;
}
