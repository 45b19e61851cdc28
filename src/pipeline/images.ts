import { promises as fs } from 'node:fs';
import type { Block, DocumentModel, Message } from '../model';
import { msg } from '../model';
import { readImage } from '../readers/image';
import { sniff } from '../readers/sniff';
import type { ReaderOptions } from '../readers/types';
import { recognize } from '../schema/recognize';

/** Smaller images are icons, logos or rules, never a table of the report. */
export const MIN_TABLE_IMAGE_BYTES = 4 * 1024;
/** At most this many pictures are OCR'd per document (each takes seconds). */
export const MAX_IMAGES_OCR = 12;

export interface ImageOcrResult { messages: Message[]; ocrSeconds: number; notRead: number }

/**
 * Tables pasted as pictures: when the document's text did not give all three standard tables,
 * OCR its pictures (docx media, data: URIs, images saved beside an HTML page) and put what they
 * hold where they sit. Every picture not read is named with the reason.
 */
export async function ocrEmbeddedImages(doc: DocumentModel, options: ReaderOptions): Promise<ImageOcrResult> {
  const out: ImageOcrResult = { messages: [], ocrSeconds: 0, notRead: 0 };
  const images = doc.images ?? [];
  if (!images.length) return out;
  const skip = (name: string, why: string, severity: 'info' | 'warning' = 'warning') => {
    out.notRead++;
    out.messages.push(msg(severity, 'image-not-read', `picture ${name} not read: ${why}`));
  };
  if (recognize(doc).tables.length === 3) {
    out.messages.push(msg('info', 'images-not-needed', `${images.length} picture(s) not OCR'd: the text already gives tables 二, 三 and 四`));
    return out;
  }
  const inserts: { at: number; blocks: Block[] }[] = [];
  let tried = 0;
  for (const img of images) {
    let bytes = img.data;
    if (!bytes && img.path) {
      try { bytes = await fs.readFile(img.path); } catch (e) { skip(img.name, `cannot read ${img.path}: ${(e as NodeJS.ErrnoException).code}`); continue; }
    }
    if (!bytes) { skip(img.name, 'not part of the document and not saved beside it (nothing is downloaded)', 'info'); continue; }
    if (bytes.length < MIN_TABLE_IMAGE_BYTES) { skip(img.name, `${bytes.length} bytes is too small to hold a table`, 'info'); continue; }
    const kind = sniff(bytes);
    if (kind.type !== 'image') { skip(img.name, 'not an image format we decode'); continue; }
    if (options.noOcr) { skip(img.name, 'OCR is disabled (--no-ocr)'); continue; }
    if (++tried > MAX_IMAGES_OCR) { skip(img.name, `only the first ${MAX_IMAGES_OCR} pictures of a document are OCR'd`); continue; }
    const r = await readImage(bytes, kind.detail, options);
    const unavailable = r.messages.find((m) => m.code === 'ocr-unavailable' || m.severity === 'error');
    if (unavailable) { skip(img.name, unavailable.message); if (unavailable.code === 'ocr-unavailable') break; continue; }
    out.ocrSeconds += (r.value.pages ?? []).reduce((s, p) => s + (p.ocrSeconds ?? 0), 0);
    const tables = r.value.blocks.filter((b) => b.kind === 'table').length;
    out.messages.push(...r.messages, msg('info', 'image-ocr', `picture ${img.name} read by OCR: ${tables} table(s), ${r.value.blocks.length - tables} text line(s)`));
    for (const b of r.value.blocks) if (b.kind === 'table') b.table.method = `ocr-image:${b.table.method}`;
    inserts.push({ at: img.at, blocks: r.value.blocks });
  }
  for (const ins of inserts.sort((a, b) => b.at - a.at)) doc.blocks.splice(ins.at, 0, ...ins.blocks);
  return out;
}
