import type { Reader, SniffedType } from './types';
import { TextReader } from './text';
import { HtmlReader } from './html';
import { WordReader } from './word';
import { PdfReader } from './pdf';
import { ImageReader } from './image';

/** Readers by sniffed type. Formats without a reader yet get a clear failed record. */
const readers = new Map<SniffedType, Reader>([
  ['text', new TextReader()],
  ['html', new HtmlReader()],
  ['docx', new WordReader()],
  ['ole', new WordReader()],
  ['rtf', new WordReader()],
  ['pdf', new PdfReader()],
  ['image', new ImageReader()],
]);

export function registerReader(type: SniffedType, reader: Reader): void {
  readers.set(type, reader);
}

export function readerFor(type: SniffedType): Reader | undefined {
  return readers.get(type);
}
