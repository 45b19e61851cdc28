/**
 * A scanned page's own image, taken for OCR without rendering: the text-only worker hands plain
 * JPEGs over encoded and sharp decodes them (page-images.ts). Checked on generated one-page PDFs
 * against the image itself and against a render of the page.
 */
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { openDocument, pdfjsWorkerKind } from '../../src/readers/pdf/pdfjs';
import { pageRaster } from '../../src/readers/pdf/page-images';
import type { Gray } from '../../src/ocr/raster';

const W = 400, H = 560, DPI = 200;
const PT_W = (W * 72) / DPI, PT_H = (H * 72) / DPI;
let hasPdftoppm = true;
try { execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' }); } catch { hasPdftoppm = false; }

/** A page image that shows which way up it is: a black block top left, a red block bottom right on paper. */
async function pageImage(): Promise<Buffer> {
  const px = Buffer.alloc(W * H * 3, 250);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = (y * W + x) * 3;
    if (y >= 20 && y < 120 && x >= 20 && x < 160) px.fill(0, i, i + 3);
    if (y >= 400 && y < 520 && x >= 250 && x < 380) { px[i] = 220; px[i + 1] = 30; px[i + 2] = 30; }
  }
  return sharp(px, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
}

/** The page image as one grey channel (a grey JPEG has one component). */
async function greyPage(): Promise<ReturnType<typeof sharp>> {
  const { data } = await sharp(await pageImage()).greyscale().raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: W, height: H, channels: 1 } }).toColourspace('b-w');
}

/** A one-page PDF painting `jpeg` (an image XObject with `dict` entries) through `cm`. */
function pdfWith(jpeg: Buffer, dict: string, cm = `${PT_W} 0 0 ${PT_H} 0 0`): Buffer {
  const content = Buffer.from(`q ${cm} cm /Im0 Do Q`);
  const objs: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PT_W} ${PT_H}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`),
    Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${W} /Height ${H} /BitsPerComponent 8 /Filter /DCTDecode ${dict} /Length ${jpeg.length} >>\nstream\n`), jpeg, Buffer.from('\nendstream')]),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0].length;
  objs.forEach((o, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(at); parts.push(b); at += b.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

async function rasterOf(pdf: Buffer, cover = 0.5) {
  const open = await openDocument(pdf);
  try { return await pageRaster(open, pdf, 1, 30, cover); } finally { await open.doc.destroy(); }
}

/** Mean gray of a block of the raster (x, y as shares of its size). */
function mean(g: Gray, x0: number, y0: number, x1: number, y1: number): number {
  let s = 0, n = 0;
  for (let y = Math.round(y0 * g.height); y < Math.round(y1 * g.height); y++) for (let x = Math.round(x0 * g.width); x < Math.round(x1 * g.width); x++) { s += g.data[y * g.width + x]; n++; }
  return s / n;
}
const BLACK = [30 / W, 40 / H, 140 / W, 100 / H] as const;
const RED = [270 / W, 420 / H, 360 / W, 500 / H] as const;
const PAPER = [200 / W, 150 / H, 380 / W, 350 / H] as const;

describe('scanned page images for OCR', () => {
  test('the text-only worker is in use (it is what passes JPEGs over undecoded)', async () => {
    await openDocument(pdfWith(await (await greyPage()).jpeg().toBuffer(), '/ColorSpace /DeviceGray')).then((o) => o.doc.destroy());
    expect(pdfjsWorkerKind()).toBe('text-only');
  });

  test('plain grey and RGB JPEGs come over from the worker encoded; masked, /Decode and CMYK ones decoded', async () => {
    const grey = await (await greyPage()).jpeg().toBuffer(), rgb = await sharp(await pageImage()).jpeg().toBuffer();
    const cmyk = await sharp(await pageImage()).toColourspace('cmyk').jpeg().toBuffer();
    const kinds: (string | undefined)[] = [];
    for (const [jpeg, dict] of [[grey, '/ColorSpace /DeviceGray'], [rgb, '/ColorSpace /DeviceRGB'], [grey, '/ColorSpace /DeviceGray /Decode [1 0]'], [cmyk, '/ColorSpace /DeviceCMYK']] as const) {
      const open = await openDocument(pdfWith(jpeg, dict));
      const page = await open.doc.getPage(1) as unknown as { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>; objs: { get(id: string, cb: (o: unknown) => void): void } };
      const ops = await page.getOperatorList();
      const id = ops.argsArray[ops.fnArray.indexOf(open.pdfjs.OPS.paintImageXObject)][0] as string;
      const obj = await new Promise<{ encoded?: string; data: Uint8Array }>((resolve) => page.objs.get(id, resolve as (o: unknown) => void));
      kinds.push(obj.encoded);
      if (obj.encoded) expect([obj.data[0], obj.data[1]]).toEqual([0xff, 0xd8]);
      await open.doc.destroy();
    }
    expect(kinds).toEqual(['jpeg', 'jpeg', undefined, undefined]);
  });

  test('a grey JPEG page is its own pixels: same size, same way up, same values as decoding the JPEG', async () => {
    const jpeg = await (await greyPage()).jpeg({ quality: 80 }).toBuffer();
    const r = await rasterOf(pdfWith(jpeg, '/ColorSpace /DeviceGray'));
    expect(r.route).toBe('embedded-image');
    expect(r.rendered).toBeUndefined();
    expect(r.raster).toMatchObject({ width: W, height: H });
    expect(r.dpi).toBeCloseTo(DPI, 5);
    const direct = await sharp(jpeg).greyscale().raw().toBuffer();
    expect(direct.length).toBe(W * H);
    expect(Buffer.from(r.raster!.data).equals(direct)).toBe(true);
    expect(mean(r.raster!, ...BLACK)).toBeLessThan(40);
    expect(mean(r.raster!, ...PAPER)).toBeGreaterThan(230);
  });

  (hasPdftoppm ? test : test.skip)('taking the image gives what rendering the page gives (size, orientation, pixels)', async () => {
    const pdf = pdfWith(await (await greyPage()).jpeg({ quality: 90 }).toBuffer(), '/ColorSpace /DeviceGray');
    const taken = await rasterOf(pdf);
    // No image covers 200% of the page: the page is rendered (pdftoppm at 200 dpi).
    const drawn = await rasterOf(pdf, 2);
    expect(drawn.route).toBe('pdftoppm');
    expect(drawn.rendered).toMatch(/not one image covering the page/);
    expect(Math.abs(drawn.raster!.width - taken.raster!.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(drawn.raster!.height - taken.raster!.height)).toBeLessThanOrEqual(1);
    let diff = 0;
    const w = Math.min(drawn.raster!.width, taken.raster!.width), h = Math.min(drawn.raster!.height, taken.raster!.height);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) diff += Math.abs(drawn.raster!.data[y * drawn.raster!.width + x] - taken.raster!.data[y * taken.raster!.width + x]);
    expect(diff / (w * h)).toBeLessThan(3);
  });

  test('an RGB JPEG page keeps red dropout: the seal red reads as paper, black stays black', async () => {
    const jpeg = await sharp(await pageImage()).jpeg({ quality: 90 }).toBuffer();
    const r = await rasterOf(pdfWith(jpeg, '/ColorSpace /DeviceRGB'));
    expect(r.route).toBe('embedded-image');
    expect(r.raster).toMatchObject({ width: W, height: H });
    expect(mean(r.raster!, ...BLACK)).toBeLessThan(40);
    expect(mean(r.raster!, ...RED)).toBeGreaterThan(200);
  });

  test('a JPEG under an inverting /Decode array is decoded by pdf.js, inverted as the PDF says', async () => {
    const jpeg = await (await greyPage()).jpeg({ quality: 90 }).toBuffer();
    const r = await rasterOf(pdfWith(jpeg, '/ColorSpace /DeviceGray /Decode [1 0]'));
    expect(r.route).toBe('embedded-image');
    expect(mean(r.raster!, ...BLACK)).toBeGreaterThan(215);
    expect(mean(r.raster!, ...PAPER)).toBeLessThan(25);
  });

  test('a CMYK JPEG is decoded by pdf.js, the right way up', async () => {
    const jpeg = await sharp(await pageImage()).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer();
    // An Adobe CMYK JPEG stores inverted inks: PDFs that embed one say so with /Decode.
    const r = await rasterOf(pdfWith(jpeg, '/ColorSpace /DeviceCMYK /Decode [1 0 1 0 1 0 1 0]'));
    expect(r.route).toBe('embedded-image');
    expect(r.raster).toMatchObject({ width: W, height: H });
    expect(mean(r.raster!, ...BLACK)).toBeLessThan(60);
    expect(mean(r.raster!, ...PAPER)).toBeGreaterThan(200);
  });

  test('an image drawn turned is not taken as it is: the page is rendered, and the record says why', async () => {
    const jpeg = await (await greyPage()).jpeg().toBuffer();
    // Turned a quarter: the image's width runs up the page.
    const r = await rasterOf(pdfWith(jpeg, '/ColorSpace /DeviceGray', `0 ${PT_W} ${-PT_H} 0 ${PT_H} 0`));
    expect(r.rendered).toBe('its image is drawn turned or flipped');
    if (hasPdftoppm) expect(r.route).toBe('pdftoppm');
  });
});
