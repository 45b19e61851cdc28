import type { DocumentModel, Result } from '../model';

/** What the sniffer found in the bytes (the extension is only a hint). */
export type SniffedType = 'empty' | 'pdf' | 'ole' | 'docx' | 'ofd' | 'xlsx' | 'zip' | 'image' | 'rtf' | 'html' | 'text' | 'binary';

export interface ReaderInput {
  buffer: Buffer;
  /** File name or path as given, for extension hints and messages. */
  name: string;
  sniffed: SniffedType;
  /** Sub-type details, e.g. image format (`png`), or `md` for Markdown text. */
  detail?: string;
  options: ReaderOptions;
}

export interface ReaderOptions {
  /** Seconds a reader may spend on external conversions (LibreOffice, OCR). */
  timeoutSeconds?: number;
  /** OCR time budget per page, seconds (CLI --ocr-page-seconds, default 180); separate from the
   * converter timeout above. */
  ocrPageSeconds?: number;
  /** Disable LibreOffice even when installed (tests both .doc routes). */
  noLibreOffice?: boolean;
  /** Disable OCR even when tesseract is installed. */
  noOcr?: boolean;
}

/** A reader turns bytes into the document model; it reports problems as messages, and throws only
 * for truly unexpected failures (the pipeline turns those into a failed record). */
export interface Reader {
  read(input: ReaderInput): Promise<Result<DocumentModel>>;
}
