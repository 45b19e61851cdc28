import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Gray } from '../../ocr/raster';
import { decodePgm, fromBits, rotateQuarter, shrink, toGray } from '../../ocr/raster';
import type { PdfjsDocument, PdfjsModule } from './pdfjs';

/**
 * Page rasters for OCR from a PDF: the page's own scan image when one image covers the page (no
 * resampling, no rendering cost), otherwise a render at a bounded resolution with poppler's
 * pdftoppm. `pdf` is a document opened by `openDocument` (pdfjs.ts).
 */
export interface PageRaster {
  page: number;
  /** Page size in points (CropBox/view, before rotation). */
  width: number;
  height: number;
  raster?: Gray;
  /** Pixels per inch of `raster`. */
  dpi?: number;
  /** Where the raster's top-left corner sits on the page (points, top-left origin). */
  origin?: { x: number; y: number };
  route?: 'embedded-image' | 'pdftoppm';
  /** Why the page was rendered rather than its own image taken (for people). */
  rendered?: string;
  problem?: string;
}

/** Scans below this are upsampled by rendering; above MAX they are box-filtered down. */
const MIN_DPI = 150;
const MAX_DPI = 400;
/** Rendering resolution when the page must be rasterized (a 200-dpi A4 page is ~4 MP). */
const RENDER_DPI = 200;
/** Hard cap on raster size: a corrupt MediaBox or a poster-size page cannot exhaust memory. */
const MAX_PIXELS = 40e6;
export interface OpenPdf { doc: PdfjsDocument; pdfjs: PdfjsModule }

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];

/** Raster of one page (1-based), for OCR. An image covering `pageImageCover` of the page is taken as
 * the page's own scan; otherwise the page is rendered. */
export async function pageRaster(pdf: OpenPdf, buffer: Buffer, pageNo: number, timeoutSeconds: number, pageImageCover: number): Promise<PageRaster> {
  const lib = pdf.pdfjs;
  const page: any = await pdf.doc.getPage(pageNo);
  try {
    const [vx0, vy0, vx1, vy1] = page.view as number[];
    const width = vx1 - vx0, height = vy1 - vy0;
    const images = drawnImages(await page.getOperatorList(), lib.OPS);
    // Image areas on the page (the unit square through the CTM).
    const area = (m: Matrix) => Math.abs(m[0] * m[3] - m[1] * m[2]);
    const base: PageRaster = { page: pageNo, width, height };
    const big = images.filter((im) => im.id && area(im.m) >= pageImageCover * width * height);
    // Drawn without rotation or flip (a scanner's page image); anything else is rendered.
    let why: string;
    if (images.length !== 1 || big.length !== 1) why = `it paints ${images.length} image(s), not one image covering the page`;
    else if (!upright(big[0].m)) why = 'its image is drawn turned or flipped';
    else {
      const im = big[0];
      const got = await imageGray(await objFor(page, im.id));
      let raster = got.raster;
      let dpi = raster ? (raster.width / Math.abs(im.m[0])) * 72 : 0;
      if (!raster) why = `its image could not be decoded (${got.problem ?? 'no pixel data'})`;
      else if (dpi < MIN_DPI) why = `its image is only ${Math.round(dpi)} dpi`;
      else {
        ({ raster, dpi } = bounded(raster, dpi));
        // PDF y grows upward; the image's top edge is at f + d.
        let origin = { x: im.m[4] - vx0, y: vy1 - (im.m[5] + im.m[3]) };
        // A page turned by /Rotate shows its image turned: read it the way it is shown.
        const turn = ((page.rotate ?? 0) % 360 + 360) % 360;
        if (turn) { raster = rotateQuarter(raster, turn); origin = { x: 0, y: 0 }; }
        return { ...base, raster, dpi, origin, route: 'embedded-image' };
      }
    }
    return { ...base, rendered: why, ...(await render(buffer, pageNo, width, height, timeoutSeconds)) };
  } finally {
    page.cleanup();
  }
}

export interface PictureRaster { raster: Gray; dpi: number; origin: { x: number; y: number }; width: number; height: number }

/**
 * The large pictures drawn upright on a page that also has text (a table pasted as an image), each
 * as its own raster with where it sits (points, top-left origin). Pictures smaller than `minShare`
 * of the page, or drawn turned, are left out.
 */
export async function pictureRasters(pdf: OpenPdf, pageNo: number, minShare: number): Promise<PictureRaster[]> {
  const lib = pdf.pdfjs;
  const page: any = await pdf.doc.getPage(pageNo);
  try {
    if (((page.rotate ?? 0) % 360 + 360) % 360) return [];
    const [vx0, vy0, vx1, vy1] = page.view as number[];
    const width = vx1 - vx0, height = vy1 - vy0;
    const out: PictureRaster[] = [];
    for (const { id, m } of drawnImages(await page.getOperatorList(), lib.OPS)) {
      if (!id || !upright(m) || m[0] * m[3] < minShare * width * height) continue;
      const got = await imageGray(await objFor(page, id));
      if (!got.raster) continue;
      let raster = got.raster;
      let dpi: number;
      ({ raster, dpi } = bounded(raster, (raster.width / m[0]) * 72));
      out.push({ raster, dpi, origin: { x: m[4] - vx0, y: vy1 - (m[5] + m[3]) }, width: m[0], height: m[3] });
    }
    return out;
  } finally {
    page.cleanup();
  }
}

/** An image shrunk by a whole factor until it is within MAX_DPI and MAX_PIXELS. */
function bounded(raster: Gray, dpi: number): { raster: Gray; dpi: number } {
  let k = 1;
  while (dpi / k > MAX_DPI || (raster.width / k) * (raster.height / k) > MAX_PIXELS) k++;
  return k > 1 ? { raster: shrink(raster, k), dpi: dpi / k } : { raster, dpi };
}

/** Every image the page paints, with the CTM it is painted through (save/restore, transforms and
 * form XObjects tracked); inline images have no id. */
function drawnImages(ops: { fnArray: number[]; argsArray: any[] }, OPS: Record<string, number>): { id: string; m: Matrix }[] {
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const images: { id: string; m: Matrix }[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i], args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin && Array.isArray(args?.[0]) && args[0].length === 6) { stack.push(ctm); ctm = mul(ctm, args[0] as Matrix); }
    else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintImageXObjectRepeat) images.push({ id: args[0], m: ctm });
    else if (fn === OPS.paintInlineImageXObject) images.push({ id: '', m: ctm });
  }
  return images;
}

/** An image drawn without rotation or flip. */
const upright = (m: Matrix) => Math.abs(m[1]) < 1e-6 && Math.abs(m[2]) < 1e-6 && m[0] > 0 && m[3] > 0;

/**
 * An image object pdf.js hands over, as gray pixels: decoded pixels (1-bit, RGB, RGBA), or the
 * encoded JPEG of a plain grey/RGB DCTDecode image (the text-only worker passes those undecoded,
 * see pdfjs.ts), decoded by sharp (libjpeg-turbo, off the main thread). The JPEG must have the size
 * the PDF declares for the image; colour keeps red dropout (toGray).
 */
export async function imageGray(obj: any): Promise<{ raster?: Gray; problem?: string }> {
  if (!obj?.data || !obj.width || !obj.height) return { problem: 'no pixel data' };
  if (obj.encoded !== 'jpeg') return { raster: obj.kind === 1 ? fromBits(obj.width, obj.height, obj.data) : toGray(obj.width, obj.height, obj.data, obj.kind === 3 ? 4 : 3) };
  const bytes: Uint8Array = obj.data;
  // Some writers put bytes before the JPEG's start-of-image marker; decoders expect it first.
  let start = 0;
  while (start + 1 < bytes.length && !(bytes[start] === 0xff && bytes[start + 1] === 0xd8)) start++;
  try {
    // sharp loads only when a scan is actually decoded (it is ~0.1 s to load).
    const sharp = require('sharp') as typeof import('sharp').default;
    // No autoOrient: PDF ignores a JPEG's EXIF orientation, and so must we.
    let pipe = sharp(Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start), { failOn: 'none', limitInputPixels: MAX_PIXELS * 4 });
    // A grey image stays one channel (sharp would hand it over as RGB).
    if (obj.components === 1) pipe = pipe.greyscale();
    const { data, info } = await pipe.raw().toBuffer({ resolveWithObject: true });
    if (info.width !== obj.width || info.height !== obj.height) return { problem: `its JPEG is ${info.width}×${info.height} px where the PDF says ${obj.width}×${obj.height}` };
    if (info.channels !== 1 && info.channels !== 3) return { problem: `its JPEG decodes to ${info.channels} channels` };
    return { raster: toGray(info.width, info.height, new Uint8Array(data.buffer, data.byteOffset, data.length), info.channels) };
  } catch (e) {
    return { problem: `JPEG: ${(e as Error).message.split('\n')[0]}` };
  }
}

function objFor(page: any, id: string): Promise<any> {
  const store = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    try { store.get(id, resolve); } catch { resolve(undefined); }
  });
}

/** Rasterize with pdftoppm (grayscale, bounded dpi and size). */
async function render(buffer: Buffer, pageNo: number, width: number, height: number, timeoutSeconds: number): Promise<Partial<PageRaster>> {
  let dpi = RENDER_DPI;
  while ((width / 72) * dpi * (height / 72) * dpi > MAX_PIXELS && dpi > 50) dpi -= 25;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-render-'));
  try {
    const src = path.join(dir, 'in.pdf');
    await fs.writeFile(src, buffer);
    await new Promise<void>((resolve, reject) => {
      execFile('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(pageNo), '-l', String(pageNo), src, path.join(dir, 'pg')],
        { timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' }, (err) => (err ? reject(err) : resolve()));
    });
    const out = (await fs.readdir(dir)).find((f) => f.startsWith('pg') && f.endsWith('.pgm'));
    if (!out) return { problem: `pdftoppm produced no image for page ${pageNo}` };
    return { raster: decodePgm(await fs.readFile(path.join(dir, out))), dpi, origin: { x: 0, y: 0 }, route: 'pdftoppm' };
  } catch (e) {
    return { problem: `page ${pageNo} could not be rendered for OCR (pdftoppm: ${(e as Error).message.split('\n')[0]})` };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
