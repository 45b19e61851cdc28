import type { DocumentModel, Message, Result } from '../../model';
import { msg } from '../../model';
import { DEFAULT_PAGE_TIMEOUT_SECONDS, ocrDocument, type OcrSource } from '../../ocr/document';
import type { Reader, ReaderInput, ReaderOptions } from '../types';
import { openPdf, pageRaster } from './page-images';

/** A page with fewer text-layer characters than this and mostly images is a scan. */
const SCAN_MAX_TEXT_CHARS = 20;
const SCAN_MIN_IMAGE_COVERAGE = 0.5;

/**
 * OCR the image-only pages of a PDF (all pages when `pages` is not given and every page is a scan;
 * else the listed 1-based pages). Pages with a text layer are left to the text reader.
 */
export async function readScannedPdf(buffer: Buffer, options: ReaderOptions, pages?: number[]): Promise<Result<DocumentModel>> {
  const messages: Message[] = [];
  const timeout = options.timeoutSeconds ?? DEFAULT_PAGE_TIMEOUT_SECONDS;
  let pdf: any;
  try {
    pdf = await openPdf(buffer);
  } catch (e) {
    return { value: { format: 'pdf', route: 'pdfjs+ppocr', blocks: [] }, messages: [msg('error', 'pdf-unreadable', `PDF cannot be opened: ${(e as Error).message}`)] };
  }
  const pageCount: number = pdf.numPages;
  try {
    const wanted = (pages ?? Array.from({ length: pageCount }, (_, i) => i + 1)).filter((p) => {
      const ok = Number.isInteger(p) && p >= 1 && p <= pageCount;
      if (!ok) messages.push(msg('warning', 'ocr-page-missing', `page ${p} requested for OCR but the PDF has ${pageCount} pages`));
      return ok;
    });
    const skipped: number[] = [];
    async function* sources(): AsyncGenerator<OcrSource> {
      for (const p of wanted) {
        let r;
        try {
          r = await pageRaster(pdf, buffer, p, timeout);
        } catch (e) {
          messages.push(msg('warning', 'ocr-page-failed', `page ${p}: cannot get its image: ${(e as Error).message}`, { where: { page: p } }));
          continue;
        }
        const scan = pages !== undefined || (r.textChars < SCAN_MAX_TEXT_CHARS && r.imageCoverage >= SCAN_MIN_IMAGE_COVERAGE);
        if (!scan) { skipped.push(p); continue; }
        if (!r.raster || !r.dpi) { messages.push(msg('warning', 'ocr-page-failed', r.problem ?? `page ${p}: no raster`, { where: { page: p } })); continue; }
        yield { page: p, raster: r.raster, dpi: r.dpi, width: r.width, height: r.height, origin: r.origin, textChars: r.textChars };
      }
    }
    if (options.noOcr) {
      messages.push(msg('warning', 'ocr-disabled', 'the PDF has image-only pages but OCR is disabled'));
      return { value: { format: 'pdf', route: 'pdfjs', pageCount, blocks: [] }, messages };
    }
    const r = await ocrDocument(sources(), 'pdf', 'pdfjs+ppocr', timeout);
    messages.push(...r.messages);
    if (skipped.length) messages.push(msg('info', 'ocr-skipped-text-pages', `pages ${skipped.join(', ')} have a text layer and were not OCR'd`));
    const total = (r.value.pages ?? []).reduce((s, p) => s + (p.ocrSeconds ?? 0), 0);
    if (r.value.pages?.length) messages.push(msg('info', 'ocr-time', `OCR of ${r.value.pages.length} page(s) took ${total.toFixed(1)} s (${(total / r.value.pages.length).toFixed(1)} s/page)`));
    return { value: { ...r.value, pageCount }, messages };
  } finally {
    await pdf.destroy();
  }
}

/** Stand-in PDF reader of the OCR branch: treats every PDF as a scan. The text-layer reader calls
 * readScannedPdf for its image-only pages instead. */
export class ScannedPdfReader implements Reader {
  async read(input: ReaderInput): Promise<Result<DocumentModel>> {
    const r = await readScannedPdf(input.buffer, input.options);
    if (!r.value.pages?.length && r.messages.some((m) => m.code === 'ocr-skipped-text-pages')) {
      r.messages.push(msg('error', 'pdf-text-layer', 'the PDF has a text layer and no image-only pages; this build reads only scanned PDFs'));
    }
    return r;
  }
}
