/**
 * Small page images of a PDF for the review page, so a reader can compare a redrawn table with
 * the printed one by eye. Drawn by poppler's pdftoppm when it is installed and the caller knows
 * the page sizes (several times faster, see poppler.ts), else with pdfjs-dist's own canvas support
 * (in Node pdfjs 5 draws on @napi-rs/canvas, which ships prebuilt binaries). When rendering is
 * unavailable the result says why instead of throwing: thumbnails are an aid, never a reason for
 * a run to fail.
 */
import path from 'node:path';
import type { BBox, Message } from '../../model';
import { msg } from '../../model';
import { dynamicImport, openDocument, pdfjsRoot } from './pdfjs';
import { popplerJpeg } from './poppler';

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
  /** The page's size in points, rotation applied (as the reader measured it): lets pdftoppm draw it. */
  size?: { width: number; height: number };
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
  renderer: 'pdftoppm' | 'pdfjs';
}

export interface ThumbnailOptions {
  widthPx?: number;
  jpegQuality?: number;
  /** `pdfjs`: never pdftoppm. */
  renderer?: 'auto' | 'pdfjs';
}

/** A thumbnail with the request it answers (to keep the requests' order). */
type Drawn = Thumbnail & { request: ThumbnailRequest };

/** No pdftoppm on this machine (learnt on the first try): pdf.js draws every page. */
let popplerMissing = false;

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
  const widthPx = options.widthPx ?? DEFAULT_WIDTH_PX;
  const quality = options.jpegQuality ?? DEFAULT_JPEG_QUALITY;
  const drawn: Drawn[] = [];
  let rest = requests;
  if (options.renderer !== 'pdfjs' && !popplerMissing) {
    // Pages drawn at once: each pdftoppm is one process on one core.
    const tries = await Promise.all(requests.map(async (req) => (req.size ? { req, got: await popplerPage(pdf, req, req.size, widthPx, quality) } : { req })));
    for (const t of tries) if (t.got) drawn.push(t.got);
    rest = tries.filter((t) => !t.got).map((t) => t.req);
  }
  const byPdfjs: { value: Drawn[]; messages: Message[] } = rest.length ? await renderWithPdfjs(pdf, rest, widthPx, quality) : { value: [], messages: [] };
  const order = new Map(requests.map((r, i) => [r, i]));
  const value = [...drawn, ...byPdfjs.value].sort((a, b) => order.get(a.request)! - order.get(b.request)!).map(({ request: _r, ...t }) => t);
  return { value, messages: byPdfjs.messages };
}

/** A page by pdftoppm, or undefined (then pdf.js tries it: a page pdftoppm cannot draw may still be drawn). */
async function popplerPage(pdf: Buffer, req: ThumbnailRequest, size: { width: number; height: number }, widthPx: number, quality: number): Promise<(Drawn) | undefined> {
  if (popplerMissing) return undefined;
  const { region, cropped, scale, w, h } = placement(req, size, widthPx);
  const got = await popplerJpeg(pdf, { page: req.page, dpi: 72 * scale, x: Math.round(region.x0 * scale), y: Math.round(region.y0 * scale), width: w, height: h, quality });
  if ('problem' in got) { if (got.missing) popplerMissing = true; return undefined; }
  return { page: req.page, jpeg: got.jpeg, width: w, height: h, cropped, region, renderer: 'pdftoppm', request: req };
}

/** The part of the page to show (the crop with a margin, within the page) and the scale to `widthPx`. */
function placement(req: ThumbnailRequest, full: { width: number; height: number }, widthPx: number) {
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
  const w = Math.max(1, Math.round((region.x1 - region.x0) * scale));
  const h = Math.max(1, Math.round((region.y1 - region.y0) * scale));
  return { region, cropped, scale, w, h };
}

async function renderWithPdfjs(pdf: Buffer, requests: ThumbnailRequest[], widthPx: number, quality: number): Promise<{ value: (Drawn)[]; messages: Message[] }> {
  const messages: Message[] = [];
  const support = await thumbnailSupport();
  if (!support.ok) return { value: [], messages: [msg('info', 'thumbnail-unavailable', support.reason ?? 'rendering unavailable')] };
  let doc: PdfDoc;
  try {
    doc = (await openDocument(pdf, 'render')).doc as unknown as PdfDoc;
  } catch (e) {
    return { value: [], messages: [msg('warning', 'thumbnail-failed', `cannot open the PDF to draw thumbnails: ${(e as Error).message}`)] };
  }
  const out: (Drawn)[] = [];
  try {
    for (const req of requests) {
      if (req.page < 1 || req.page > doc.numPages) {
        messages.push(msg('warning', 'thumbnail-failed', `page ${req.page} is not in the PDF (${doc.numPages} pages)`, { where: { page: req.page } }));
        continue;
      }
      try {
        out.push({ ...await renderPage(doc, req, widthPx, quality), request: req });
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
    const { region, cropped, scale, w, h } = placement(req, page.getViewport({ scale: 1 }), widthPx);
    const viewport = page.getViewport({ scale, offsetX: -region.x0 * scale, offsetY: -region.y0 * scale });
    const target = doc.canvasFactory.create(w, h);
    try {
      // White first: JPEG has no alpha and an unpainted page would come out black.
      const ctx = target.context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      await page.render({ canvas: target.canvas, canvasContext: target.context, viewport, background: '#ffffff' }).promise;
      const jpeg = await target.canvas.encode('jpeg', quality);
      return { page: req.page, jpeg, width: w, height: h, cropped, region, renderer: 'pdfjs' };
    } finally {
      doc.canvasFactory.destroy(target);
    }
  } finally {
    page.cleanup();
  }
}
