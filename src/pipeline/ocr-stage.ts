import type { Block, DocumentModel, ImageSource, LoadedImage, Message, Policy, ReadFacts } from '../model';
import { msg } from '../model';
import type { OcrSource } from '../ocr/document';
import { sniff } from '../readers/sniff';
import { recognize, type Recognized } from '../schema/recognize';

/** Something the document holds that OCR would have to read and did not, and why. */
export interface Unread { kind: 'page' | 'picture'; name: string; reason: string; page?: number }

export interface OcrOutcome {
  recognized: Recognized;
  messages: Message[];
  /** Seconds spent in OCR. */
  seconds: number;
  /** Pages and pictures that were needed but not read. */
  unread: Unread[];
}

export interface OcrStageOptions { policy: Policy; noOcr?: boolean }

/* OCR and image decoding (onnxruntime, sharp: ~0.2 s to load) load only for a document that has
 * pages or pictures to read; a text-layer PDF or a .txt never loads them. */
const ocr = () => require('../ocr/document') as typeof import('../ocr/document');
const decodeImage: typeof import('../readers/image').decodeImage = (data, detail) => (require('../readers/image') as typeof import('../readers/image')).decodeImage(data, detail);

/**
 * The one OCR stage, for every format. Tables are recognized once from the text; then scanned pages
 * are always OCR'd (they have no other content), pictures only when the text lacks one of the three
 * standard tables. What OCR reads takes the scanned pages' places, or the pictures' places, in
 * reading order, and the tables are recognized again only when something was added.
 */
export async function ocrStage(doc: DocumentModel, facts: ReadFacts, options: OcrStageOptions): Promise<OcrOutcome> {
  const out: OcrOutcome = { recognized: recognize(doc), messages: [], seconds: 0, unread: [] };
  const pages = facts.images.filter((s) => s.kind === 'page');
  const pictures = facts.images.filter((s) => s.kind === 'picture');
  if (!pages.length && !pictures.length) return out;
  const wantPictures = pictures.length > 0 && out.recognized.tables.length < 3;
  if (pictures.length && !wantPictures) {
    out.messages.push(msg('info', 'images-not-needed', `${pictures.length} picture(s) not OCR'd: the text already gives tables 二, 三 and 四`));
  }
  let added = false;
  const engine = { missing: undefined as string | undefined };
  if (pages.length) added = (await readPages(doc, pages, options, out, engine)) || added;
  if (wantPictures) added = (await readPictures(doc, pictures, options, out, engine)) || added;
  if (added) out.recognized = recognize(doc);
  if (out.seconds && pages.length) {
    const n = (doc.pages ?? []).filter((p) => p.ocrSeconds !== undefined).length || 1;
    out.messages.push(msg('info', 'ocr-time', `OCR took ${out.seconds.toFixed(1)} s (${(out.seconds / n).toFixed(1)} s/page)`));
  }
  return out;
}

/** Scanned pages, OCR'd in one pass so a table running over a page break is joined. */
async function readPages(doc: DocumentModel, pages: ImageSource[], options: OcrStageOptions, out: OcrOutcome, engine: { missing?: string }): Promise<boolean> {
  const names = pages.map((p) => p.page ?? p.name).join(', ');
  if (options.noOcr) {
    for (const p of pages) out.unread.push({ kind: 'page', name: p.name, page: pageNo(doc, p), reason: 'OCR is disabled (--no-ocr)' });
    out.messages.push(msg('warning', 'ocr-disabled', doc.format === 'pdf'
      ? `pages ${names} are images without text and need OCR, which is disabled (--no-ocr); their content is missing`
      : 'the input is an image and OCR is disabled (--no-ocr)'));
    return false;
  }
  async function* rasters(): AsyncGenerator<OcrSource> {
    for (const src of pages) {
      for (const img of await loadOrNote(doc, src, out, options)) {
        if (img.kind !== 'raster') continue;
        yield { page: src.page ?? 1, raster: img.raster, dpi: img.dpi, width: img.width, height: img.height, origin: img.origin, textChars: img.textChars };
      }
    }
  }
  const { ocrDocument, OCR_ENGINE } = ocr();
  const r = await ocrDocument(rasters(), doc.format, OCR_ENGINE, options.policy.ocrPageSeconds);
  out.messages.push(...r.messages);
  if (r.unavailable) {
    engine.missing = r.unavailable;
    for (const p of pages) out.unread.push({ kind: 'page', name: p.name, page: pageNo(doc, p), reason: `no OCR engine: ${r.unavailable}` });
    return false;
  }
  const read = r.value.pages ?? [];
  out.seconds += r.seconds ?? read.reduce((s, p) => s + (p.ocrSeconds ?? 0), 0);
  if (!read.length) return false;
  const scanned = new Set(read.map((p) => p.page));
  if (doc.format === 'pdf') out.messages.push(msg('info', 'pdf-ocr-pages', `pages ${names} read by OCR`));
  const everyPage = !doc.pages?.length || doc.pages.every((p) => scanned.has(p.page));
  doc.blocks = everyPage ? r.value.blocks : mergePages(doc.blocks, r.value.blocks, scanned);
  doc.pages = everyPage && !doc.pages?.length ? read : (doc.pages ?? []).map((p) => read.find((o) => o.page === p.page) ?? p);
  doc.route = doc.format === 'pdf' ? (everyPage ? `pdfjs+${OCR_ENGINE}` : `pdfjs (+${OCR_ENGINE} on pages ${[...scanned].join(', ')})`) : OCR_ENGINE;
  return true;
}

/** Pictures inside a document with text, each OCR'd on its own and put where it sits. */
async function readPictures(doc: DocumentModel, pictures: ImageSource[], options: OcrStageOptions, out: OcrOutcome, engine: { missing?: string }): Promise<boolean> {
  const { policy } = options;
  const skip = (src: ImageSource, reason: string, severity: 'info' | 'warning' = 'warning') => {
    out.unread.push({ kind: 'picture', name: src.name, reason });
    out.messages.push(msg(severity, 'image-not-read', `picture ${src.name} not read: ${reason}`));
  };
  const inserts: { at: number; blocks: Block[] }[] = [];
  const onPages: number[] = [];
  let tried = 0;
  for (const src of pictures) {
    if (engine.missing) { skip(src, `no OCR engine: ${engine.missing}`); continue; }
    if (src.bytes !== undefined && src.bytes < policy.pictureMinBytes) { skip(src, `${src.bytes} bytes is too small to hold a table`, 'info'); continue; }
    let images: LoadedImage[];
    try { images = await src.load(); } catch (e) { skip(src, (e as Error).message); continue; }
    for (const img of images) {
      if (img.kind === 'missing') { skip(src, img.reason, 'info'); continue; }
      // Encoded bytes too small for a table, or not an image at all, are named as such even without OCR.
      const kind = img.kind === 'encoded' ? sniff(img.data) : undefined;
      if (img.kind === 'encoded' && img.data.length < policy.pictureMinBytes) { skip(src, `${img.data.length} bytes is too small to hold a table`, 'info'); continue; }
      if (kind && kind.type !== 'image') { skip(src, 'not an image format we decode'); continue; }
      if (options.noOcr) { skip(src, 'OCR is disabled (--no-ocr)'); continue; }
      if (++tried > policy.maxPicturesOcr) { skip(src, `only the first ${policy.maxPicturesOcr} pictures of a document are OCR'd`); continue; }
      let raster: LoadedImage = img;
      if (img.kind === 'encoded') {
        try { raster = await decodeImage(img.data, kind?.detail); } catch (e) { skip(src, (e as Error).message); continue; }
      }
      if (raster.kind !== 'raster') continue;
      const page = src.page ?? 1;
      const { ocrDocument, OCR_ENGINE } = ocr();
      const r = await ocrDocument([{ page, raster: raster.raster, dpi: raster.dpi, width: raster.width, height: raster.height, origin: raster.origin }], src.page ? doc.format : 'image', OCR_ENGINE, policy.ocrPageSeconds);
      if (r.unavailable) { engine.missing = r.unavailable; out.messages.push(...r.messages); skip(src, `no OCR engine: ${r.unavailable}`); continue; }
      out.messages.push(...r.messages);
      const seconds = (r.value.pages ?? []).reduce((s, p) => s + (p.ocrSeconds ?? 0), 0);
      out.seconds += seconds;
      const blocks = r.value.blocks;
      const tables = blocks.filter((b) => b.kind === 'table').length;
      if (src.page === undefined) {
        for (const b of blocks) if (b.kind === 'table') b.table.method = `ocr-image:${b.table.method}`;
        out.messages.push(msg('info', 'image-ocr', `picture ${src.name} read by OCR: ${tables} table(s), ${blocks.length - tables} text line(s)`));
        inserts.push({ at: src.at ?? doc.blocks.length, blocks });
      } else {
        const info = doc.pages?.find((p) => p.page === page);
        if (info) info.ocrSeconds = (info.ocrSeconds ?? 0) + seconds;
        for (const b of blocks) { if (b.kind === 'table') b.table.method = `ocr-picture:${b.table.method}`; else b.page = page; }
        insertOnPage(doc.blocks, page, raster.origin?.y ?? 0, blocks);
        onPages.push(page);
      }
    }
  }
  for (const ins of inserts.sort((a, b) => b.at - a.at)) doc.blocks.splice(ins.at, 0, ...ins.blocks);
  if (onPages.length) {
    const read = [...new Set(onPages)];
    out.messages.push(msg('info', 'pdf-ocr-pictures', `pictures on pages ${read.join(', ')} read by OCR`));
    doc.route = `${doc.route ?? 'pdfjs'} (+${ocr().OCR_ENGINE} on pictures of pages ${read.join(', ')})`;
  }
  return inserts.length > 0 || onPages.length > 0;
}

async function loadOrNote(doc: DocumentModel, src: ImageSource, out: OcrOutcome, options: OcrStageOptions): Promise<LoadedImage[]> {
  let images: LoadedImage[];
  try {
    images = await src.load();
  } catch (e) {
    out.unread.push({ kind: src.kind, name: src.name, page: pageNo(doc, src), reason: (e as Error).message });
    out.messages.push(msg('warning', 'ocr-page-failed', `${src.name}: cannot get its image: ${(e as Error).message}`, src.page ? { where: { page: src.page } } : {}));
    return [];
  }
  const decoded: LoadedImage[] = [];
  for (const img of images) {
    if (img.kind === 'raster' && img.rendered) out.messages.push(msg('info', 'pdf-page-rendered', `${src.name} was rendered for OCR: ${img.rendered}`, src.page ? { where: { page: src.page } } : {}));
    if (img.kind !== 'encoded') { decoded.push(img); continue; }
    try {
      decoded.push(await decodeImage(img.data, sniff(img.data).detail));
    } catch (e) {
      out.unread.push({ kind: src.kind, name: src.name, page: pageNo(doc, src), reason: (e as Error).message });
      out.messages.push(msg('warning', 'image-unreadable', `${src.name}: ${(e as Error).message}`));
    }
  }
  return decoded;
}

/** A page number only for paged documents (an image file's one page is not named by number). */
const pageNo = (doc: DocumentModel, s: ImageSource) => (doc.format === 'pdf' ? s.page : undefined);

const pageOf = (b: Block): number => (b.kind === 'text' ? b.page : b.table.page) ?? 0;

/** Text-layer pages and OCR'd pages in page order; each page's own blocks keep their order. */
function mergePages(text: Block[], ocr: Block[], scanned: Set<number>): Block[] {
  return [...text.filter((b) => !scanned.has(pageOf(b))), ...ocr]
    .map((b, i) => ({ b, i, p: pageOf(b) }))
    .sort((a, z) => a.p - z.p || a.i - z.i)
    .map((x) => x.b);
}

/** Put `add` among page `page`'s blocks before the first one that starts below `y`. */
function insertOnPage(blocks: Block[], page: number, y: number, add: Block[]): void {
  const top = (b: Block) => (b.kind === 'text' ? b.bbox?.y0 : b.table.bbox?.y0) ?? 0;
  let at = blocks.findIndex((b) => pageOf(b) === page && top(b) > y);
  if (at < 0) at = blocks.findIndex((b) => pageOf(b) > page);
  if (at < 0) at = blocks.length;
  blocks.splice(at, 0, ...add);
}
