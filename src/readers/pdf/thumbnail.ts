/**
 * Small page images of a PDF for the review page, so a reader can compare a redrawn table with
 * the printed one by eye. Rendered with pdfjs-dist's own canvas support (in Node pdfjs 5 draws
 * on @napi-rs/canvas, which ships prebuilt binaries). When rendering is unavailable the result
 * says why instead of throwing: thumbnails are an aid, never a reason for a run to fail.
 */
import path from 'node:path';
import type { BBox, Message } from '../../model';
import { msg } from '../../model';
import { dynamicImport, openDocument, pdfjsRoot } from './pdfjs';

/** Width of a thumbnail in pixels: digits of a 10.5pt table stay legible at this size. */
const DEFAULT_WIDTH_PX = 720;
/** JPEG quality 0..100: table scans are mostly flat white, 60 keeps digits crisp at ~40-90 KB. */
const DEFAULT_JPEG_QUALITY = 60;
/** Never render above this scale, however small the crop region (memory, file size). */
const MAX_SCALE = 3;
/** Space kept around a crop region so the table's title and borders stay in view (points). */
const CROP_MARGIN_PT = 28;

export interface ThumbnailRequest {
  /** 1-based page number. */
  page: number;
  /** Region to keep, in page points with a top-left origin; the whole page when absent. */
  crop?: BBox;
}

export interface Thumbnail {
  page: number;
  /** JPEG bytes. */
  jpeg: Buffer;
  width: number;
  height: number;
  cropped: boolean;
  /** The part of the page shown, in page points (top-left origin): to place marks on the image. */
  region: BBox;
}

export interface ThumbnailOptions {
  widthPx?: number;
  jpegQuality?: number;
}

interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  canvasFactory: { create(w: number, h: number): { canvas: NapiCanvas; context: unknown }; destroy(c: unknown): void };
  destroy(): Promise<void>;
}
interface PdfPage {
  getViewport(p: { scale: number; offsetX?: number; offsetY?: number }): { width: number; height: number };
  render(p: Record<string, unknown>): { promise: Promise<void> };
  cleanup(): void;
}
interface NapiCanvas { width: number; height: number; encode(format: 'jpeg', quality: number): Promise<Buffer> }


/** Whether this machine can render thumbnails, and if not, why (for the page's note). */
export async function thumbnailSupport(): Promise<{ ok: boolean; reason?: string }> {
  try {
    require('@napi-rs/canvas');
  } catch (e) {
    return { ok: false, reason: `@napi-rs/canvas is not installed or has no binary for this platform (${(e as Error).message.split('\n')[0]})` };
  }
  try {
    await dynamicImport(path.join(pdfjsRoot(), 'legacy', 'build', 'pdf.mjs'));
  } catch (e) {
    return { ok: false, reason: `pdfjs-dist cannot be loaded (${(e as Error).message.split('\n')[0]})` };
  }
  return { ok: true };
}

/**
 * Render the requested pages of one PDF as JPEG images. Pages that cannot be rendered are
 * left out with a message; a document that cannot be opened gives no thumbnails and a message.
 */
export async function renderThumbnails(pdf: Buffer, requests: ThumbnailRequest[], options: ThumbnailOptions = {}): Promise<{ value: Thumbnail[]; messages: Message[] }> {
  const messages: Message[] = [];
  const support = await thumbnailSupport();
  if (!support.ok) return { value: [], messages: [msg('info', 'thumbnail-unavailable', support.reason ?? 'rendering unavailable')] };
  let doc: PdfDoc;
  try {
    doc = (await openDocument(pdf, 'render')).doc as unknown as PdfDoc;
  } catch (e) {
    return { value: [], messages: [msg('warning', 'thumbnail-failed', `cannot open the PDF to draw thumbnails: ${(e as Error).message}`)] };
  }
  const widthPx = options.widthPx ?? DEFAULT_WIDTH_PX;
  const quality = options.jpegQuality ?? DEFAULT_JPEG_QUALITY;
  const out: Thumbnail[] = [];
  try {
    for (const req of requests) {
      if (req.page < 1 || req.page > doc.numPages) {
        messages.push(msg('warning', 'thumbnail-failed', `page ${req.page} is not in the PDF (${doc.numPages} pages)`, { where: { page: req.page } }));
        continue;
      }
      try {
        out.push(await renderPage(doc, req, widthPx, quality));
      } catch (e) {
        messages.push(msg('warning', 'thumbnail-failed', `page ${req.page} could not be drawn: ${(e as Error).message}`, { where: { page: req.page } }));
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  return { value: out, messages };
}

async function renderPage(doc: PdfDoc, req: ThumbnailRequest, widthPx: number, quality: number): Promise<Thumbnail> {
  const page = await doc.getPage(req.page);
  try {
    const full = page.getViewport({ scale: 1 });
    let region = { x0: 0, y0: 0, x1: full.width, y1: full.height };
    let cropped = false;
    if (req.crop && req.crop.x1 > req.crop.x0 && req.crop.y1 > req.crop.y0) {
      region = {
        x0: Math.max(0, req.crop.x0 - CROP_MARGIN_PT), y0: Math.max(0, req.crop.y0 - CROP_MARGIN_PT * 2),
        x1: Math.min(full.width, req.crop.x1 + CROP_MARGIN_PT), y1: Math.min(full.height, req.crop.y1 + CROP_MARGIN_PT),
      };
      cropped = region.x1 - region.x0 < full.width - 1 || region.y1 - region.y0 < full.height - 1;
    }
    const scale = Math.min(MAX_SCALE, widthPx / (region.x1 - region.x0));
    const viewport = page.getViewport({ scale, offsetX: -region.x0 * scale, offsetY: -region.y0 * scale });
    const w = Math.max(1, Math.round((region.x1 - region.x0) * scale));
    const h = Math.max(1, Math.round((region.y1 - region.y0) * scale));
    const target = doc.canvasFactory.create(w, h);
    try {
      // White first: JPEG has no alpha and an unpainted page would come out black.
      const ctx = target.context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      await page.render({ canvas: target.canvas, canvasContext: target.context, viewport, background: '#ffffff' }).promise;
      const jpeg = await target.canvas.encode('jpeg', quality);
      return { page: req.page, jpeg, width: w, height: h, cropped, region };
    } finally {
      doc.canvasFactory.destroy(target);
    }
  } finally {
    page.cleanup();
  }
}
