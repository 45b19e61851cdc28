import sharp from 'sharp';
import type { Gray } from './raster';
import { toGray } from './raster';

/**
 * The pixel work that a well-kept library does better than hand-written loops: decoding image
 * files, rotation, resizing, blurring (sharp / libvips). Rasters stay the 8-bit `Gray` of raster.ts.
 */

/** Largest image we decode (pixels): a screenshot or scan, not a poster. */
export const MAX_IMAGE_PIXELS = 60e6;

const raw = (img: Gray) => sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 1 } });
const gray = (buf: Buffer, width: number, height: number): Gray => ({ width, height, data: new Uint8Array(buf.buffer, buf.byteOffset, width * height) });

export interface DecodedImage { raster: Gray; dpi?: number }

/**
 * Decode PNG, JPEG, TIFF, GIF, WebP (first page/frame) to gray: EXIF orientation applied, alpha
 * composited on white, red ink (seals) dropped out as scanners' red dropout does (see toGray).
 */
export async function decodeImage(buffer: Buffer): Promise<DecodedImage> {
  // Lenient: a scan with a bad checksum or a truncated tail still shows what it holds.
  const img = sharp(buffer, { limitInputPixels: MAX_IMAGE_PIXELS, page: 0, failOn: 'error' });
  const meta = await img.metadata();
  const { data, info } = await img.rotate().flatten({ background: '#ffffff' }).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const raster = toGray(info.width, info.height, data, info.channels);
  const dpi = meta.density && meta.density >= 50 ? Math.round(meta.density) : undefined;
  return { raster, dpi };
}

/** Rotate about the centre by `degrees` (counter-clockwise positive), white outside, same size. */
export async function rotateGray(img: Gray, degrees: number): Promise<Gray> {
  if (Math.abs(degrees) < 1e-3) return img;
  const { data, info } = await raw(img).rotate(-degrees, { background: { r: 255, g: 255, b: 255 } }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const left = Math.round((info.width - img.width) / 2), top = Math.round((info.height - img.height) / 2);
  const rotated = gray(data, info.width, info.height);
  const out: Gray = { width: img.width, height: img.height, data: new Uint8Array(img.width * img.height) };
  for (let y = 0; y < img.height; y++) out.data.set(rotated.data.subarray((y + top) * info.width + left, (y + top) * info.width + left + img.width), y * img.width);
  return out;
}

/** Resize to `width`×`height` (linear for enlarging, area-averaging for shrinking). */
export async function resizeGray(img: Gray, width: number, height: number): Promise<Gray> {
  if (width === img.width && height === img.height) return img;
  const data = await raw(img).resize(width, height, { fit: 'fill', kernel: width > img.width ? 'linear' : 'mks2021' }).extractChannel(0).raw().toBuffer();
  return gray(data, width, height);
}

/** Gaussian blur (sigma in pixels). */
export async function blurGray(img: Gray, sigma: number): Promise<Gray> {
  const data = await raw(img).blur(Math.max(0.3, sigma)).extractChannel(0).raw().toBuffer();
  return gray(data, img.width, img.height);
}

/** Median filter over a `size`×`size` window: removes grain and specks, keeps edges. */
export async function medianGray(img: Gray, size: number): Promise<Gray> {
  const data = await raw(img).median(size).extractChannel(0).raw().toBuffer();
  return gray(data, img.width, img.height);
}
