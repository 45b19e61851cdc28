import type { Block, DocumentModel, Message, Result } from '../../model';
import { msg } from '../../model';
import type { Reader, ReaderInput } from '../types';
import { PdfReader } from './index';
import { readScannedPdf } from './scanned';
import { openPdf, pictureRasters } from './page-images';
import { DEFAULT_PAGE_TIMEOUT_SECONDS, ocrDocument } from '../../ocr/document';
import { recognize } from '../../schema/recognize';
import { workingRaster } from '../image';

/** A picture covering at least this share of a text page may be a table pasted as an image
 * (the text reader warns about such pages from the same share). */
const PICTURE_SHARE = 0.3;

const pageOf = (b: Block): number => (b.kind === 'text' ? b.page : b.table.page) ?? 0;

/**
 * The PDF reader as the pipeline uses it: the text layer first; pages that are only images
 * (scans) then go to OCR, and their blocks take those pages' places in reading order.
 * Without OCR (disabled or the OCR engine missing) the text reader's "needs OCR" messages stand.
 */
export class PdfWithOcrReader implements Reader {
  private readonly text = new PdfReader();

  async read(input: ReaderInput): Promise<Result<DocumentModel>> {
    const r = await this.readPages(input);
    if (input.options.noOcr || r.messages.some((m) => m.severity === 'error')) return r;
    const pictured = (r.value.pages ?? []).filter((p) => !p.imageOnly && (p.imageCover ?? 0) >= PICTURE_SHARE).map((p) => p.page);
    if (!pictured.length || recognize(r.value).tables.length === 3) return r;
    return this.readPictures(input, r, pictured);
  }

  /** Pictures on text pages, OCR'd each on its own (the page's text is already read) and put where
   * they sit on their page. Only when the text did not give the three standard tables. */
  private async readPictures(input: ReaderInput, r: Result<DocumentModel>, pictured: number[]): Promise<Result<DocumentModel>> {
    const messages = [...r.messages];
    const model = r.value;
    const timeout = input.options.timeoutSeconds ?? DEFAULT_PAGE_TIMEOUT_SECONDS;
    let pdf: any;
    try { pdf = await openPdf(input.buffer); } catch { return r; }
    const done: number[] = [];
    try {
      for (const p of pictured) {
        const info = model.pages?.find((x) => x.page === p);
        for (const pic of await pictureRasters(pdf, p, PICTURE_SHARE)) {
          const { raster, dpi } = workingRaster(pic.raster, pic.dpi);
          const o = await ocrDocument([{ page: p, raster, dpi, width: info?.width ?? pic.width, height: info?.height ?? pic.height, origin: pic.origin }], 'pdf', 'ppocr', timeout);
          if (o.messages.some((m) => m.code === 'ocr-unavailable')) return { value: model, messages: [...messages, ...o.messages] };
          messages.push(...o.messages);
          if (info) info.ocrSeconds = (info.ocrSeconds ?? 0) + (o.value.pages ?? []).reduce((s, x) => s + (x.ocrSeconds ?? 0), 0);
          for (const b of o.value.blocks) { if (b.kind === 'table') b.table.method = `ocr-picture:${b.table.method}`; else b.page = p; }
          insertOnPage(model.blocks, p, pic.origin.y, o.value.blocks);
          done.push(p);
        }
      }
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
    if (!done.length) return r;
    const read = [...new Set(done)];
    const kept = messages.filter((m) => !(m.code === 'pdf-needs-ocr' && /carry large images/.test(m.message)));
    kept.push(msg('info', 'pdf-ocr-pictures', `pictures on pages ${read.join(', ')} read by OCR`));
    model.route = `${model.route ?? 'pdfjs'} (+ppocr on pictures of pages ${read.join(', ')})`;
    return { value: model, messages: kept };
  }

  private async readPages(input: ReaderInput): Promise<Result<DocumentModel>> {
    const r = await this.text.read(input);
    const scans = (r.value.pages ?? []).filter((p) => p.imageOnly).map((p) => p.page);
    if (!scans.length || input.options.noOcr) return r;
    const allScans = scans.length === (r.value.pages ?? []).length;
    const ocr = await readScannedPdf(input.buffer, input.options, scans);
    if (ocr.messages.some((m) => m.code === 'ocr-unavailable')) return { value: r.value, messages: [...r.messages, ...ocr.messages] };
    // The text reader's verdict about these pages is replaced by what OCR made of them.
    const kept: Message[] = r.messages.filter((m) => !(m.code === 'pdf-needs-ocr' && /images without text|no text layer/.test(m.message)));
    const model: DocumentModel = allScans
      ? { ...ocr.value, title: r.value.title ?? ocr.value.title, pageCount: r.value.pageCount }
      : mergePages(r.value, ocr.value, scans);
    model.route = allScans ? 'pdfjs+ppocr' : 'pdfjs (+ppocr on pages ' + scans.join(', ') + ')';
    return { value: model, messages: [...kept, ...ocr.messages, msg('info', 'pdf-ocr-pages', `pages ${scans.join(', ')} read by OCR`)] };
  }
}

/** Text-layer pages and OCR'd pages in page order; each page's own blocks keep their order. */
function mergePages(text: DocumentModel, ocr: DocumentModel, scans: number[]): DocumentModel {
  const scanned = new Set(scans);
  const blocks = [...text.blocks.filter((b) => !scanned.has(pageOf(b))), ...ocr.blocks]
    .map((b, i) => ({ b, i, p: pageOf(b) }))
    .sort((a, z) => a.p - z.p || a.i - z.i)
    .map((x) => x.b);
  const pages = (text.pages ?? []).map((p) => ocr.pages?.find((o) => o.page === p.page) ?? p);
  return { ...text, blocks, pages };
}

/** Put `add` among page `page`'s blocks before the first one that starts below `y`. */
function insertOnPage(blocks: Block[], page: number, y: number, add: Block[]): void {
  const top = (b: Block) => (b.kind === 'text' ? b.bbox?.y0 : b.table.bbox?.y0) ?? 0;
  let at = blocks.findIndex((b) => pageOf(b) === page && top(b) > y);
  if (at < 0) at = blocks.findIndex((b) => pageOf(b) > page);
  if (at < 0) at = blocks.length;
  blocks.splice(at, 0, ...add);
}
