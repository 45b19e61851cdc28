import type { Reader, SniffedType } from './types';
import { TextReader } from './text';
import { HtmlReader } from './html';
import { ImageReader } from './image';
import { ScannedPdfReader } from './pdf/scanned';

/** Readers by sniffed type. Formats without a reader yet get a clear failed record. */
const readers = new Map<SniffedType, Reader>([
  ['text', new TextReader()],
  ['html', new HtmlReader()],
  // OCR branch stand-in; the text-layer PDF reader replaces it and calls readScannedPdf for scans.
  ['pdf', new ScannedPdfReader()],
  ['image', new ImageReader()],
]);

export function registerReader(type: SniffedType, reader: Reader): void {
  readers.set(type, reader);
}

export function readerFor(type: SniffedType): Reader | undefined {
  return readers.get(type);
}
