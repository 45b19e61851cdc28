import type { Block, DocumentModel, Message, Result } from '../../model';
import { msg } from '../../model';
import type { Reader, ReaderInput } from '../types';
import { PdfReader } from './index';
import { readScannedPdf } from './scanned';

const pageOf = (b: Block): number => (b.kind === 'text' ? b.page : b.table.page) ?? 0;

/**
 * The PDF reader as the pipeline uses it: the text layer first; pages that are only images
 * (scans) then go to OCR, and their blocks take those pages' places in reading order.
 * Without OCR (disabled or tesseract missing) the text reader's "needs OCR" messages stand.
 */
export class PdfWithOcrReader implements Reader {
  private readonly text = new PdfReader();

  async read(input: ReaderInput): Promise<Result<DocumentModel>> {
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
    model.route = allScans ? 'pdfjs+tesseract' : 'pdfjs (+tesseract on pages ' + scans.join(', ') + ')';
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
