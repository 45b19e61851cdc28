import type { Reader, SniffedType } from './types';

/* Readers load on first use: a run over .txt files never loads the HTML, Word or PDF readers
 * and the libraries behind them (cheerio, mammoth, pdf.js), which cost ~0.4 s to load. */
const builtIn: [SniffedType, () => Reader][] = [
  ['text', () => new (require('./text') as typeof import('./text')).TextReader()],
  ['html', () => new (require('./html') as typeof import('./html')).HtmlReader()],
  ['docx', () => new (require('./word') as typeof import('./word')).WordReader()],
  ['ole', () => new (require('./word') as typeof import('./word')).WordReader()],
  ['rtf', () => new (require('./word') as typeof import('./word')).WordReader()],
  ['pdf', () => new (require('./pdf') as typeof import('./pdf')).PdfReader()],
  ['image', () => new (require('./image') as typeof import('./image')).ImageReader()],
];

/** Readers by sniffed type. Formats without a reader yet get a clear failed record. */
const readers = new Map<SniffedType, Reader | (() => Reader)>(builtIn);

export function registerReader(type: SniffedType, reader: Reader): void {
  readers.set(type, reader);
}

export function readerFor(type: SniffedType): Reader | undefined {
  const r = readers.get(type);
  if (typeof r !== 'function') return r;
  const made = r();
  readers.set(type, made);
  return made;
}
