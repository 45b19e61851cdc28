import { execFile } from 'node:child_process';
import type { ImageSource, LoadedImage, ReadResult } from '../../model';
import { decodePgm, scale, type Gray } from '../../ocr/raster';
import { plain, type Reader, type ReaderInput } from '../types';
import { decodePng, MAX_IMAGE_PIXELS, type DecodedImage } from './png';

/** Screen images carry no resolution; 96 dpi is what browsers and screenshot tools mean. */
const SCREEN_DPI = 96;
/** Images below this resolution are enlarged for line finding and OCR (bilinear, at most 3×):
 * 9-pt text of a 96-dpi screenshot read best at 3× (175/175 table 三 cells vs 168 at 1.9×). */
const MIN_WORKING_DPI = 288;
const MAX_UPSCALE = 3;

/**
 * Standalone images (.png, .jpg, .tif, ...): a scanned page or a screenshot of a table, one page
 * for the OCR stage. Nothing is decoded until the stage asks.
 */
export class ImageReader implements Reader {
  async read(input: ReaderInput): Promise<ReadResult> {
    const source: ImageSource = {
      kind: 'page', name: 'the image', page: 1, bytes: input.buffer.length,
      load: async () => [await decodeImage(input.buffer, input.detail, input.options.policy.converterSeconds)],
    };
    return plain({ format: 'image', blocks: [], pageCount: 1 }, [], { images: [source] });
  }
}

/**
 * Decode an image (`detail`: png, jpeg, tiff, gif, bmp as sniffed) into a page raster for OCR:
 * PNG in-process, other formats through ImageMagick when it is installed; low resolutions enlarged.
 * Rejects with a reason for people when it cannot be decoded.
 */
export async function decodeImage(buffer: Buffer, detail: string | undefined, timeoutSeconds: number): Promise<LoadedImage> {
  let img: DecodedImage;
  try {
    img = detail === 'png' ? decodePng(buffer) : await viaImageMagick(buffer, timeoutSeconds);
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

/** JPEG/TIFF/GIF/BMP → 8-bit gray PGM with ImageMagick (first frame), bounded in size and time. */
function viaImageMagick(buf: Buffer, timeoutSeconds: number): Promise<DecodedImage> {
  return new Promise((resolve, reject) => {
    const child = execFile('convert', ['-limit', 'area', '256MiB', '-[0]', '-colorspace', 'Gray', '-depth', '8', 'pgm:-'],
      { encoding: 'buffer', maxBuffer: MAX_IMAGE_PIXELS + 1024, timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' },
      (err, stdout) => {
        if (err) { reject(new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'ImageMagick (convert) is not installed' : err.message.split('\n')[0])); return; }
        try { resolve({ raster: decodePgm(stdout as Buffer) }); } catch (e) { reject(e); }
      });
    child.stdin?.end(buf);
  });
}
