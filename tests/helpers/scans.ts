/**
 * A seeded, reproducible set of scans made the way offices make them, from the builder fixtures:
 * the report's HTML rendered by Debian's Chromium (playwright-core) at 120–300 dpi, then degraded
 * with sharp and a few pixel loops: skew, noise and specks, blur, JPEG at quality 30, a red seal
 * over the table, the perspective of a photo, uneven light. Nothing here is committed output:
 * images are made on the fly (and cached under out/scanset/ when asked).
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { chromium, type Browser } from 'playwright-core';
import { homography } from '../../src/ocr/perspective';
import { buildReport, rng, type Shape } from './report-builder';

export const CHROMIUM = '/usr/bin/chromium';

export interface Condition {
  name: string;
  dpi: number;
  /** Rotation in degrees (counter-clockwise positive). */
  skew?: number;
  /** Gaussian noise sigma (gray levels) and specks per square inch. */
  noise?: number;
  specks?: number;
  /** Gaussian blur sigma in pixels at 200 dpi (scaled with dpi). */
  blur?: number;
  jpeg?: number;
  seal?: boolean;
  /** Top edge narrower than the bottom by this share (a photo taken from below the page). */
  perspective?: number;
  /** Paper brightness falling to (1 − light) of full at the darkest corner. */
  light?: number;
  /** Cut into A4-high pages between table rows (tables split over pages) and delivered as a
   * multi-page PDF of scanned page images. */
  split?: boolean;
}

/** Every condition of the issue, one at a time, and the usual office mix. */
export const CONDITIONS: Condition[] = [
  { name: 'clean-300dpi', dpi: 300 },
  { name: 'clean-200dpi', dpi: 200 },
  { name: 'low-150dpi', dpi: 150 },
  { name: 'low-120dpi', dpi: 120 },
  { name: 'skew+3', dpi: 200, skew: 3 },
  { name: 'skew-2.2', dpi: 200, skew: -2.2 },
  { name: 'noise', dpi: 200, noise: 18, specks: 40 },
  { name: 'blur', dpi: 200, blur: 1.2 },
  { name: 'jpeg-q30', dpi: 200, jpeg: 30 },
  { name: 'jpeg-q30-150dpi', dpi: 150, jpeg: 30 },
  { name: 'red-seal', dpi: 200, seal: true },
  { name: 'perspective', dpi: 200, perspective: 0.04, skew: 0.8 },
  { name: 'uneven-light', dpi: 200, light: 0.5 },
  { name: 'office-mix', dpi: 200, skew: -1.3, noise: 10, specks: 15, blur: 0.7, jpeg: 45, seal: true },
  { name: 'photo-mix', dpi: 200, perspective: 0.03, light: 0.4, noise: 8, jpeg: 50 },
  { name: 'split-tables', dpi: 200, noise: 6, split: true },
];

/** The file name a degraded scan is delivered under. */
export const scanName = (c: Condition, id: string) => `${c.name}-${id}.${c.split ? 'pdf' : c.jpeg ? 'jpg' : 'png'}`;

/** The conditions CI runs (2 cores, ~1 min an image): one of each kind of damage. Clean scans are
 * covered by the seed PDFs (tests/ocr/integration); office-mix (every damage at once, 98.5% on the
 * one CI report), noise, blur, photo-mix and split-tables run in the full set only (README). */
export const CI_CONDITIONS = ['low-120dpi', 'skew+3', 'jpeg-q30', 'red-seal', 'perspective', 'uneven-light'];

/** Reports of the set: each shape, agency, year and table 四 values drawn from the seed. */
export function reportsFor(seed: number, count: number): { id: string; shape: Shape; html: string; expected: Record<string, number | null> }[] {
  const rnd = rng(seed);
  const shapes: Shape[] = ['2021', '2019', 'hybrid'];
  const agencies = ['某某市教育局', '某某县人民政府办公室', '某某区自然资源局', '某某市生态环境局'];
  return Array.from({ length: count }, (_, i) => {
    const shape = shapes[i % shapes.length];
    const t4 = Array.from({ length: 15 }, () => Math.floor(rnd() * 40));
    for (let b = 0; b < 3; b++) t4[b * 5 + 4] = t4[b * 5] + t4[b * 5 + 1] + t4[b * 5 + 2] + t4[b * 5 + 3];
    const built = buildReport(shape, { agency: agencies[Math.floor(rnd() * agencies.length)], year: shape === '2019' ? 2020 : 2021 + Math.floor(rnd() * 4), t4 });
    return { id: `${shape}-${i}`, shape, html: built.html, expected: built.expected };
  });
}


const PRINT_CSS = `<style>
body { margin: 60px 70px; background: #fff; color: #000; font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 14px; }
h1 { font-size: 20px; text-align: center; } h2 { font-size: 15px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 18px; }
td { border: 1px solid #000; padding: 5px 6px; text-align: center; font-size: 13px; }
</style>`;

export interface Renderer { render(html: string, dpi: number): Promise<Buffer>; close(): Promise<void> }

/** Chromium (Debian's, never a downloaded one) rendering report HTML to a page-wide PNG at `dpi`. */
export async function launchRenderer(): Promise<Renderer> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  return {
    async render(html, dpi) {
      const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: dpi / 96 });
      try {
        await context.route(/^https?:/, (route) => route.abort());
        const page = await context.newPage();
        await page.setContent(html.replace('</head>', `${PRINT_CSS}</head>`));
        return await page.screenshot({ fullPage: true, type: 'png' });
      } finally { await context.close(); }
    },
    async close() { await browser.close(); },
  };
}

/** A red seal (ring, star, arc of text) as SVG, to multiply over the page. */
function sealSvg(size: number): Buffer {
  const r = size / 2 - size * 0.04;
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5, rr = i % 2 ? size * 0.07 : size * 0.17;
    return `${size / 2 + rr * Math.cos(a)},${size / 2 + rr * Math.sin(a)}`;
  }).join(' ');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
<g fill="none" stroke="#d81e1e" stroke-width="${size * 0.035}" opacity="0.85"><circle cx="${size / 2}" cy="${size / 2}" r="${r}"/></g>
<polygon points="${star}" fill="#d81e1e" opacity="0.85"/>
<defs><path id="arc" d="M ${size * 0.18},${size * 0.6} A ${r * 0.78},${r * 0.78} 0 1 1 ${size * 0.82},${size * 0.6}"/></defs>
<text font-family="Noto Sans CJK SC" font-size="${size * 0.11}" fill="#d81e1e" opacity="0.85"><textPath href="#arc" startOffset="50%" text-anchor="middle">某某市测试局政务公开专用章</textPath></text>
</svg>`);
}

/**
 * Degrade a rendered page (`png` at `c.dpi`) by the condition, deterministically for `seed`.
 * Returns an encoded image (PNG carrying its dpi, or JPEG) as a scanner or phone would deliver it.
 */
export async function degrade(png: Buffer, c: Condition, seed: number): Promise<Buffer> {
  const rnd = rng(seed * 7919 + 17);
  let img = sharp(png).flatten({ background: '#ffffff' });
  const meta = await sharp(png).metadata();
  const W = meta.width!, H = meta.height!;
  if (c.seal) {
    // Over the first table's body, where it hides digits.
    const size = Math.round(1.6 * c.dpi);
    const left = Math.round(W * (0.45 + 0.2 * rnd())), top = Math.round(Math.min(H - size, c.dpi * (2.2 + 1.5 * rnd())));
    img = img.composite([{ input: sealSvg(size), left: Math.min(W - size, left), top, blend: 'multiply' }]);
  }
  let { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let ch = info.channels;
  let px: Uint8Array = new Uint8Array(data);
  if (c.perspective) px = warpTrapezoid(px, W, H, ch, c.perspective, rnd);
  if (c.light) {
    // Light falling off from one corner (a desk lamp) with a soft vignette.
    const cx = rnd() < 0.5 ? 0 : W, cy = rnd() < 0.5 ? 0 : H, far = Math.hypot(W, H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const d = Math.hypot(x - cx, y - cy) / far;
      const f = 1 - c.light * d ** 1.3;
      for (let k = 0; k < ch; k++) px[(y * W + x) * ch + k] *= f;
    }
  }
  let out = sharp(Buffer.from(px), { raw: { width: W, height: H, channels: ch as 3 } });
  if (c.skew) out = out.rotate(-c.skew, { background: '#ffffff' });
  if (c.blur) out = out.blur(Math.max(0.3, c.blur * (c.dpi / 200)));
  if (c.noise || c.specks) {
    ({ data, info } = await out.raw().toBuffer({ resolveWithObject: true }));
    ch = info.channels;
    px = new Uint8Array(data);
    const w = info.width, h = info.height;
    if (c.noise) for (let i = 0; i < w * h; i++) {
      const n = gauss(rnd) * c.noise;
      for (let k = 0; k < ch; k++) px[i * ch + k] = Math.max(0, Math.min(255, px[i * ch + k] + n));
    }
    const specks = Math.round((c.specks ?? 0) * (w / c.dpi) * (h / c.dpi));
    for (let s = 0; s < specks; s++) {
      const x = Math.floor(rnd() * (w - 3)), y = Math.floor(rnd() * (h - 3)), r = 1 + Math.floor(rnd() * 2);
      for (let dy = 0; dy < r; dy++) for (let dx = 0; dx < r; dx++) for (let k = 0; k < ch; k++) px[((y + dy) * w + x + dx) * ch + k] = 40;
    }
    out = sharp(Buffer.from(px), { raw: { width: w, height: h, channels: ch as 3 } });
  }
  if (!c.seal) out = out.greyscale();
  if (c.split) return splitPdf(out, c.dpi);
  out = out.withMetadata({ density: c.dpi });
  return c.jpeg ? out.jpeg({ quality: c.jpeg, chromaSubsampling: '4:2:0' }).toBuffer() : out.png().toBuffer();
}

/** The page as photographed from below: the top edge shorter, the whole slightly off-centre. */
function warpTrapezoid(px: Uint8Array, W: number, H: number, ch: number, p: number, rnd: () => number): Uint8Array {
  const inset = p * W, drop = p * H * 0.3 * (rnd() - 0.5);
  // Output quad (where the page corners land) and its inverse map to the source rectangle.
  const quad: [number, number][] = [[inset, drop + p * H * 0.2], [W - inset * (0.6 + 0.8 * rnd()), p * H * 0.2 - drop], [W, H], [0, H]];
  const h = homography(quad, [[0, 0], [W, 0], [W, H], [0, H]])!;
  const out = new Uint8Array(px.length).fill(255);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const z = h[6] * x + h[7] * y + h[8];
    const sx = Math.round((h[0] * x + h[1] * y + h[2]) / z), sy = Math.round((h[3] * x + h[4] * y + h[5]) / z);
    if (sx < 0 || sy < 0 || sx >= W || sy >= H) continue;
    for (let k = 0; k < ch; k++) out[(y * W + x) * ch + k] = px[(sy * W + sx) * ch + k];
  }
  return out;
}

function gauss(rnd: () => number): number {
  const u = Math.max(1e-9, rnd()), v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A4 height (inches) and the top and bottom margins each cut page gets (inches). */
const A4_IN = 11.69;
const MARGIN_IN = 0.6;

/**
 * The tall rendered page cut into A4-high pages the way a word processor breaks a table: between
 * two rows (at a horizontal ruling, drawn on both pages so each fragment is closed) or in blank
 * space, each page with white margins; written as a PDF with one gray image per page.
 */
async function splitPdf(img: ReturnType<typeof sharp>, dpi: number): Promise<Buffer> {
  const { data, info } = await img.greyscale().raw().toBuffer({ resolveWithObject: true });
  const W = info.width, H = info.height, ch = info.channels;
  const dark = (y: number) => { let n = 0; for (let x = 0; x < W; x++) if (data[(y * W + x) * ch] < 128) n++; return n; };
  const body = Math.round((A4_IN - 2 * MARGIN_IN) * dpi), margin = Math.round(MARGIN_IN * dpi);
  const pages: Buffer[] = [];
  let top = 0;
  while (top < H) {
    let cut = Math.min(H, top + body);
    if (cut < H) {
      // The lowest ruling (or else blank row) in the page's lower third.
      let ruling = -1, blank = -1;
      for (let y = cut - 1; y > top + (2 * body) / 3 && ruling < 0; y--) {
        const n = dark(y);
        if (n > 0.3 * W) ruling = y;
        else if (n === 0 && blank < 0) blank = y;
      }
      cut = ruling >= 0 ? ruling + 3 : blank >= 0 ? blank : cut;
    }
    const h = cut - top + 2 * margin;
    const page = Buffer.alloc(W * h, 255);
    for (let y = top; y < cut; y++) for (let x = 0; x < W; x++) page[(y - top + margin) * W + x] = data[(y * W + x) * ch];
    pages.push(page);
    // The ruling at the cut starts the next page too.
    top = cut < H && dark(cut - 3) > 0.3 * W ? cut - 4 : cut;
  }
  return grayPdf(pages.map((p) => ({ data: p, width: W, height: p.length / W })), dpi);
}

/** A minimal PDF: one page per 8-bit gray image (Flate), drawn to fill the page at `dpi`. */
function grayPdf(images: { data: Buffer; width: number; height: number }[], dpi: number): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let size = parts[0].length;
  const add = (n: number, body: Buffer | string, stream?: Buffer) => {
    offsets[n] = size;
    const chunk = Buffer.concat([Buffer.from(`${n} 0 obj\n`), Buffer.from(body), ...(stream ? [Buffer.from('\nstream\n'), stream, Buffer.from('\nendstream')] : []), Buffer.from('\nendobj\n')]);
    parts.push(chunk); size += chunk.length;
  };
  const kids = images.map((_, i) => `${3 + 3 * i} 0 R`).join(' ');
  add(1, '<< /Type /Catalog /Pages 2 0 R >>');
  add(2, `<< /Type /Pages /Kids [${kids}] /Count ${images.length} >>`);
  images.forEach((im, i) => {
    const w = (im.width * 72) / dpi, h = (im.height * 72) / dpi;
    const content = Buffer.from(`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`);
    const pixels = deflateSync(im.data);
    add(3 + 3 * i, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${4 + 3 * i} 0 R >> >> /Contents ${5 + 3 * i} 0 R >>`);
    add(4 + 3 * i, `<< /Type /XObject /Subtype /Image /Width ${im.width} /Height ${im.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>`, pixels);
    add(5 + 3 * i, `<< /Length ${content.length} >>`, content);
  });
  const n = offsets.length;
  const xref = [`xref\n0 ${n}\n0000000000 65535 f \n`, ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}
