import { oleKind } from './ole';
import type { SniffedType } from './types';

export interface Sniffed { type: SniffedType; detail?: string }

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/** The input's real type from its bytes; the extension only refines text (Markdown) and images. */
export function sniff(buf: Buffer, name = ''): Sniffed {
  if (buf.length === 0) return { type: 'empty' };
  const head = buf.subarray(0, 1024).toString('latin1');
  if (head.includes('%PDF-')) return { type: 'pdf' };
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // .doc, .wps, .xls, a password-protected .docx: the stream names say which.
    const k = oleKind(buf);
    return { type: 'ole', detail: (k.kind === 'word' || k.kind === 'word95') && k.encrypted ? 'word-encrypted' : k.kind };
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) {
    // Look at the names in the central directory / local headers without unzipping.
    const names = buf.subarray(0, Math.min(buf.length, 1 << 20)).toString('latin1');
    const tail = buf.subarray(Math.max(0, buf.length - 65536)).toString('latin1');
    const all = names + tail;
    if (all.includes('word/document') || all.includes('word/_rels')) return { type: 'docx' };
    if (all.includes('OFD.xml')) return { type: 'ofd' };
    if (all.includes('xl/workbook')) return { type: 'xlsx' };
    return { type: 'zip' };
  }
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47])) return { type: 'image', detail: 'png' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { type: 'image', detail: 'jpeg' };
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return { type: 'image', detail: 'tiff' };
  if (head.startsWith('GIF8')) return { type: 'image', detail: 'gif' };
  if (head.startsWith('BM')) return { type: 'image', detail: 'bmp' };
  if (head.startsWith('{\\rtf')) return { type: 'rtf' };
  if (!looksLikeText(buf)) return { type: 'binary' };
  const text = buf.subarray(0, 8192).toString('latin1');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b/i.test(text)
    || /<(table|div|p|span)\b[^>]*>/i.test(text) && /<\/(table|div|p|span)>/i.test(text)) return { type: 'html' };
  if (/MIME-Version:/i.test(text) && /multipart\/related/i.test(text)) return { type: 'html', detail: 'mht' };
  return { type: 'text', detail: /\.(md|markdown)$/i.test(name) ? 'md' : undefined };
}

/** Text, in any of the encodings we read, has almost no control bytes. */
function looksLikeText(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return true;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  }
  return bad / n < 0.01;
}
