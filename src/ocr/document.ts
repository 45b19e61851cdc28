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
}

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
  for await (const s of sources) {
    const info: PageInfo = { page: s.page, width: s.width, height: s.height, textChars: s.textChars ?? 0, imageOnly: true };
    pages.push(info);
    try {
      const r = await ocrPage({ image: s.raster, dpi: s.dpi, page: s.page, timeoutSeconds, text: options.text });
      info.ocrSeconds = Math.round(r.seconds * 100) / 100;
      if (s.origin && (s.origin.x || s.origin.y)) for (const b of r.blocks) shift(b, s.origin);
      perPage.push(r.blocks);
      messages.push(...r.messages);
    } catch (e) {
      messages.push(msg('warning', 'ocr-page-failed', `page ${s.page}: OCR failed: ${(e as Error).message}`, { where: { page: s.page } }));
      perPage.push([]);
    }
  }
  return { value: { format, route, blocks: stitchPages(perPage), pages }, messages };
}

function shift(b: Block, o: { x: number; y: number }): void {
  const mv = (bb?: { x0: number; y0: number; x1: number; y1: number }) => { if (bb) { bb.x0 += o.x; bb.x1 += o.x; bb.y0 += o.y; bb.y1 += o.y; } };
  if (b.kind === 'text') { mv(b.bbox); return; }
  mv(b.table.bbox);
  const seen = new Set<object>();
  for (const row of b.table.rows) for (const c of row) if (c && !seen.has(c)) { seen.add(c); mv(c.bbox); }
}
