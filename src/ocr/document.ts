import type { Block, DocumentModel, Message, PageInfo } from '../model';
import { msg } from '../model';
import { ocrPage } from './page';
import type { Gray } from './raster';
import { stitchPages } from './stitch';
import { ppocrStatus } from './ppocr/models';
import type { TextScope } from './text-lines';

export { ppocrStatus as ocrStatus };
export type { TextScope };

export interface OcrSource {
  page: number;
  raster: Gray;
  dpi: number;
  /** Page size in points, for PageInfo. */
  width: number;
  height: number;
  /** Offset of the raster on the page (points). */
  origin?: { x: number; y: number };
  textChars?: number;
}

export interface OcrOptions {
  /** Text outside tables to read: 'structure' (titles, headings, captions; default) or 'all'. */
  text?: TextScope;
}

/** The engine's name, as records' routes show it. */
export const OCR_ENGINE = 'ppocr';

export interface OcrResult {
  value: Omit<DocumentModel, 'pageCount'>;
  messages: Message[];
  /** Set when no OCR engine can run here: why (nothing was read). */
  unavailable?: string;
  /** Wall seconds from the first page image to the last page read (pages overlap, so this is less
   * than the sum of the pages' own seconds). */
  seconds?: number;
}

/** Pages read at once (see ocrDocument). */
const PAGES_IN_FLIGHT = 2;

/**
 * OCR a sequence of page rasters into the document model: per-page tables and text lines, tables
 * that run over a page break joined, seconds per page recorded. A page that fails or times out
 * becomes a warning; the other pages still count. The engine is PP-OCR (onnxruntime-node, models
 * from npm); when it cannot run, `unavailable` says why and there are no blocks.
 */
export async function ocrDocument(sources: AsyncIterable<OcrSource> | Iterable<OcrSource>, format: string, route: string, timeoutSeconds: number, options: OcrOptions = {}): Promise<OcrResult> {
  const messages: Message[] = [];
  const pages: PageInfo[] = [];
  const perPage: Block[][] = [];
  const status = ppocrStatus();
  if (!status.ok) {
    const reason = status.reason ?? 'no OCR engine is available';
    messages.push(msg('warning', 'ocr-unavailable', `page images need OCR but ${reason}`));
    return { value: { format, route, blocks: [], pages }, messages, unavailable: reason };
  }
  // Two pages in flight: one page's preparation and grid finding (JavaScript, this thread) runs
  // while the other's networks run (their own threads), and the next page image loads meanwhile.
  // Blocks and messages are kept in page order.
  const started = process.hrtime.bigint();
  const pageMessages: Message[][] = [];
  const running: Promise<void>[] = [];
  for await (const s of sources) {
    const i = pages.length;
    const info: PageInfo = { page: s.page, width: s.width, height: s.height, textChars: s.textChars ?? 0, imageOnly: true };
    pages.push(info);
    perPage.push([]);
    pageMessages.push([]);
    running.push((async () => {
      try {
        const r = await ocrPage({ image: s.raster, dpi: s.dpi, page: s.page, timeoutSeconds, text: options.text });
        info.ocrSeconds = Math.round(r.seconds * 100) / 100;
        if (s.origin && (s.origin.x || s.origin.y)) for (const b of r.blocks) shift(b, s.origin);
        perPage[i] = r.blocks;
        pageMessages[i] = r.messages;
      } catch (e) {
        pageMessages[i] = [msg('warning', 'ocr-page-failed', `page ${s.page}: OCR failed: ${(e as Error).message}`, { where: { page: s.page } })];
      }
    })());
    if (running.length >= PAGES_IN_FLIGHT) await running.shift();
  }
  await Promise.all(running);
  for (const m of pageMessages) messages.push(...m);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { value: { format, route, blocks: stitchPages(perPage), pages }, messages, seconds };
}

function shift(b: Block, o: { x: number; y: number }): void {
  const mv = (bb?: { x0: number; y0: number; x1: number; y1: number }) => { if (bb) { bb.x0 += o.x; bb.x1 += o.x; bb.y0 += o.y; bb.y1 += o.y; } };
  if (b.kind === 'text') { mv(b.bbox); return; }
  mv(b.table.bbox);
  const seen = new Set<object>();
  for (const row of b.table.rows) for (const c of row) if (c && !seen.has(c)) { seen.add(c); mv(c.bbox); }
}
