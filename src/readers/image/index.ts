import type { DocumentModel, Message, Result } from '../../model';
import { msg } from '../../model';
import { DEFAULT_PAGE_TIMEOUT_SECONDS, ocrDocument } from '../../ocr/document';
import { scale, type Gray } from '../../ocr/raster';
import { decodeImage, MAX_IMAGE_PIXELS } from '../../ocr/sharp-ops';
import type { Reader, ReaderInput, ReaderOptions } from '../types';

/** Screen images carry no resolution; 96 dpi is what browsers and screenshot tools mean. */
const SCREEN_DPI = 96;
/** Images below this resolution are enlarged for line finding (bilinear, at most 2×): rulings and
 * ink thresholds are tuned in inches, and a 96-dpi screenshot's 1-px lines need the room. The
 * recognizer brings every text line to its own height whatever the resolution. */
const MIN_WORKING_DPI = 192;
const MAX_UPSCALE = 2;

/** Route name of OCR'd documents in the record. */
export const OCR_ROUTE = 'ppocr';

/**
 * Standalone images (.png, .jpg, .tif, .gif, .bmp, .webp): a scanned page, a photo or a screenshot of
 * a table, decoded with sharp (libvips). The image is one page for OCR.
 */
export class ImageReader implements Reader {
  async read(input: ReaderInput): Promise<Result<DocumentModel>> {
    return readImage(input.buffer, input.detail, input.options);
  }
}

/**
 * OCR one image (`detail`: png, jpeg, tiff, gif, bmp, webp as sniffed; only used in messages) into
 * the document model. Other readers use it for pictures they contain (images in .docx, `<img>`
 * tables beside saved HTML).
 */
export async function readImage(buffer: Buffer, detail: string | undefined, options: ReaderOptions): Promise<Result<DocumentModel>> {
  const messages: Message[] = [];
  const empty = (m: Message): Result<DocumentModel> => ({ value: { format: 'image', route: OCR_ROUTE, blocks: [] }, messages: [...messages, m] });
  if (options.noOcr) return empty(msg('error', 'ocr-disabled', 'the input is an image and OCR is disabled'));
  const timeout = options.timeoutSeconds ?? DEFAULT_PAGE_TIMEOUT_SECONDS;
  let img: { raster: Gray; dpi?: number };
  try {
    img = await decodeImage(buffer);
  } catch (e) {
    return empty(msg('error', 'image-unreadable', `${detail ?? 'image'} cannot be decoded: ${(e as Error).message}`));
  }
  const declared = img.dpi && img.dpi >= 50 ? img.dpi : SCREEN_DPI;
  const { raster, dpi } = workingRaster(img.raster, declared);
  const width = (img.raster.width / declared) * 72, height = (img.raster.height / declared) * 72;
  const r = await ocrDocument([{ page: 1, raster, dpi, width, height }], 'image', OCR_ROUTE, timeout);
  return { value: { ...r.value, pageCount: 1 }, messages: [...messages, ...r.messages] };
}

/** Low-resolution pictures (screenshots, pasted images) enlarged for line finding and OCR. */
export function workingRaster(raster: Gray, dpi: number): { raster: Gray; dpi: number } {
  if (dpi >= MIN_WORKING_DPI) return { raster, dpi };
  const f = Math.min(MAX_UPSCALE, MIN_WORKING_DPI / dpi);
  if (raster.width * raster.height * f * f > MAX_IMAGE_PIXELS) return { raster, dpi };
  return { raster: scale(raster, f), dpi: dpi * f };
}
