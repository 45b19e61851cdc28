import type { Block, Cell, Message, Table, TextBlock } from '../model';
import { msg } from '../model';
import { cellImage, type CellImage } from './cells';
import { denoise } from './denoise';
import { estimateSkew, MIN_CORRECTED_SKEW } from './deskew';
import { buildTables, type GridTable } from './grid';
import { flattenLight } from './light';
import { horizontalRulings, rulingParams, verticalRulings } from './lines';
import type { Gray } from './raster';
import { binarize, crop, inkMask, otsu, paperLevel } from './raster';
import { readCells, UNSURE } from './read-cells';
import { rectifyTable } from './perspective';
import { rotateGray } from './sharp-ops';
import { readTextLines, type TextScope } from './text-lines';

export interface OcrPageInput {
  image: Gray;
  /** Pixels per inch of `image`. */
  dpi: number;
  /** 1-based page number for provenance. */
  page: number;
  timeoutSeconds: number;
  /** Text outside tables to read (default: the lines that give the page its structure). */
  text?: TextScope;
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

export class OcrPageTimeout extends Error {}

/**
 * OCR one page raster: even out the light, straighten a photographed table (perspective) or a
 * skewed scan, find ruled tables in the bitmap and read them cell by cell with the PP-OCR
 * recognizer, and read the text outside the tables by detection + recognition. Coordinates in
 * the model are points (1/72 in) of the page as given (after rectification, of the straightened
 * page).
 */
export async function ocrPage(input: OcrPageInput): Promise<OcrPageResult> {
  const started = process.hrtime.bigint();
  const messages: Message[] = [];
  const { dpi, page } = input;
  const check = (stage: string) => {
    if (elapsed(started) > input.timeoutSeconds) throw new OcrPageTimeout(`page ${page}: OCR took over ${input.timeoutSeconds} s (at ${stage})`);
  };
  const clean = await denoise(input.image);
  if (clean.filtered) messages.push(msg('info', 'ocr-denoise', `page ${page}: heavy grain (sigma about ${Math.round(clean.sigma)}) median-filtered`, { where: { page } }));
  let img = await flattenLight(clean.image, dpi);
  // One ink mask serves corner finding, skew and rulings until the image changes.
  let lineMask = inkMask(img);
  const rect = rectifyTable(img, dpi, lineMask);
  if (rect) {
    img = rect.image;
    lineMask = inkMask(img);
    messages.push(msg('info', 'ocr-perspective', `page ${page}: table corners found and the perspective rectified (${rect.note})`, { where: { page } }));
  }
  const skew = estimateSkew(img, lineMask);
  if (Math.abs(skew) >= MIN_CORRECTED_SKEW) {
    img = await rotateGray(img, skew);
    lineMask = inkMask(img);
    messages.push(msg('info', 'ocr-deskew', `page ${page} deskewed by ${skew}°`, { where: { page } }));
  }
  const params = rulingParams(dpi);
  const hs = horizontalRulings(lineMask, img.width, img.height, params);
  const vs = verticalRulings(lineMask, img.width, img.height, params);
  const tol = Math.max(3, Math.round(0.03 * dpi));
  const grids = buildTables(hs, vs, tol).filter((t) => t.bbox.x1 - t.bbox.x0 >= MIN_TABLE_WIDTH_IN * dpi && t.bbox.y1 - t.bbox.y0 >= MIN_TABLE_HEIGHT_IN * dpi);
  const textMask = binarize(img, otsu(img));
  const pt = 72 / dpi;
  const tGrid = elapsed(started);
  check('grid');

  // All cells of all tables of the page, read in a few recognizer batches.
  const cellImages: { grid: number; ci: CellImage }[] = [];
  grids.forEach((g, gi) => { for (const c of g.cells) cellImages.push({ grid: gi, ci: cellImage(img, textMask, c, g.thickness, dpi) }); });
  const inked = cellImages.filter((x) => x.ci.lines.length);
  const readings = await readCells(inked);
  const tCells = elapsed(started) - tGrid;
  check('cells');

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
      // Ink in the cell but no text read from it: a blank it may not be (a faint 0 under a seal or
      // noise), so the empty reading is doubted rather than taken as a printed blank.
      if (ci.lines.length && !cell.text.trim()) cell.confidence = 0;
      if (r?.alternatives?.length && r.confidence < UNSURE) cell.alternatives = r.alternatives;
      for (let rr = c.row; rr < c.row + c.rowSpan; rr++) for (let cc = c.col; cc < c.col + c.colSpan; cc++) rows[rr][cc] = cell;
    }
    doubtStrokes(rows);
    const table: Table = {
      rows, method: 'ocr', page, pageEnd: page,
      bbox: { x0: g.bbox.x0 * pt, y0: g.bbox.y0 * pt, x1: g.bbox.x1 * pt, y1: g.bbox.y1 * pt },
    };
    tables.push({ table, grid: g });
    out.push({ y: g.bbox.y0, block: { kind: 'table', table } });
  });

  // Text outside the tables: detection only where there is no grid.
  const rest = crop(img, 0, 0, img.width, img.height);
  for (const g of grids) {
    const m = Math.round(0.02 * dpi);
    for (let y = Math.max(0, Math.floor(g.bbox.y0) - m); y < Math.min(img.height, Math.ceil(g.bbox.y1) + m); y++) {
      rest.data.fill(255, y * img.width + Math.max(0, Math.floor(g.bbox.x0) - m), y * img.width + Math.min(img.width, Math.ceil(g.bbox.x1) + m));
    }
  }
  let skipped = 0;
  if (hasInk(rest)) {
    const t = await readTextLines(rest, dpi, grids.map((g) => g.bbox.y0), input.text ?? 'structure');
    skipped = t.skipped;
    for (const l of t.lines) {
      const block: TextBlock = { kind: 'text', text: l.text, page, bbox: { x0: l.x0 * pt, y0: l.y0 * pt, x1: l.x1 * pt, y1: l.y1 * pt } };
      out.push({ y: l.y0, block });
    }
  }
  out.sort((a, b) => a.y - b.y);
  const seconds = elapsed(started);
  if (skipped) messages.push(msg('info', 'ocr-text-skipped', `page ${page}: ${skipped} lines of running text not read (only titles, headings and captions are)`, { where: { page } }));
  messages.push(msg('info', 'ocr-page-time', `page ${page}: ${seconds.toFixed(1)} s (prepare+grid ${tGrid.toFixed(1)}, ${inked.length} cells ${tCells.toFixed(1)}, text ${(seconds - tGrid - tCells).toFixed(1)})`, { where: { page } }));
  return { blocks: out.map((o) => o.block), messages, seconds, skew, grids: tables };
}

/** A lone stroke read as a placeholder ("/", "-") among a row's numbers: on a scan, a thin or
 * grainy digit ("7", "1") reads the same, so the reading is only as sure as a forced one. */
const STROKE = /^[/\\|\-—–]$/;
const NUMERIC = /^\d[\d,.]*$/;
const NUMBERS_AROUND = 3;
function doubtStrokes(rows: (Cell | null)[][]): void {
  for (const row of rows) {
    const cells = [...new Set(row.filter((c): c is Cell => !!c))];
    if (cells.filter((c) => NUMERIC.test(c.text)).length < NUMBERS_AROUND) continue;
    for (const c of cells) if (STROKE.test(c.text) && (c.confidence ?? 1) > STROKE_CONFIDENCE) c.confidence = STROKE_CONFIDENCE;
  }
}
const STROKE_CONFIDENCE = 0.5;

const elapsed = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Clearly dark pixels (well below paper, above scanner noise) worth a text pass. */
function hasInk(img: Gray): boolean {
  const t = paperLevel(img) - 80;
  let n = 0;
  for (let i = 0; i < img.data.length; i += 3) if (img.data[i] < t) n++;
  return n > 200;
}
