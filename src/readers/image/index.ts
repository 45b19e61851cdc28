import type { ImageSource, LoadedImage, ReadResult } from '../../model';
import { scale, type Gray } from '../../ocr/raster';
import { decodeImage as decodePixels, MAX_IMAGE_PIXELS, type DecodedImage } from '../../ocr/sharp-ops';
import { plain, type Reader, type ReaderInput } from '../types';

/** Screen images carry no resolution; 96 dpi is what browsers and screenshot tools mean. */
const SCREEN_DPI = 96;
/** Images below this resolution are enlarged for line finding (bilinear, at most 2×): rulings and
 * ink thresholds are tuned in inches, and a 96-dpi screenshot's 1-px lines need the room. The
 * recognizer brings every text line to its own height whatever the resolution. */
const MIN_WORKING_DPI = 192;
const MAX_UPSCALE = 2;

/**
 * Standalone images (.png, .jpg, .tif, .gif, .bmp, .webp): a scanned page, a photo or a screenshot of
 * a table, one page for the OCR stage. Nothing is decoded until the stage asks.
 */
export class ImageReader implements Reader {
  async read(input: ReaderInput): Promise<ReadResult> {
    const source: ImageSource = {
      kind: 'page', name: 'the image', page: 1, bytes: input.buffer.length,
      load: async () => [await decodeImage(input.buffer, input.detail)],
    };
    return plain({ format: 'image', blocks: [], pageCount: 1 }, [], { images: [source] });
  }
}

/**
 * Decode an image (`detail`: png, jpeg, tiff, gif, bmp, webp as sniffed; only used in messages) with
 * sharp (libvips) into a page raster for OCR; low resolutions enlarged. Rejects with a reason for
 * people when it cannot be decoded.
 */
export async function decodeImage(buffer: Buffer, detail: string | undefined): Promise<LoadedImage> {
  let img: DecodedImage;
  try {
    img = await decodePixels(buffer);
  } catch (e) {
    throw new Error(`${detail ?? 'image'} cannot be decoded: ${(e as Error).message}`);
  }
  const declared = img.dpi && img.dpi >= 50 ? img.dpi : SCREEN_DPI;
  const { raster, dpi } = workingRaster(img.raster, declared);
  return { kind: 'raster', raster, dpi, width: (img.raster.width / declared) * 72, height: (img.raster.height / declared) * 72 };
}

/** Low-resolution pictures (screenshots, pasted images) enlarged for line finding and OCR. */
export function workingRaster(raster: Gray, dpi: number): { raster: Gray; dpi: number } {
  if (dpi >= MIN_WORKING_DPI) return { raster, dpi };
  const f = Math.min(MAX_UPSCALE, MIN_WORKING_DPI / dpi);
  if (raster.width * raster.height * f * f > MAX_IMAGE_PIXELS) return { raster, dpi };
  return { raster: scale(raster, f), dpi: dpi * f };
}
