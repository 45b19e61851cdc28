import type { DocumentModel, Message, Policy, ReadFacts, ReadResult } from '../model';

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
  /** The thresholds and time limits the reader runs under. */
  policy: Policy;
  /** Disable LibreOffice even when installed (tests both .doc routes). */
  noLibreOffice?: boolean;
}

/** A reader turns bytes into the document model plus facts; it reports problems as messages and
 * facts, and throws only for truly unexpected failures (the pipeline turns those into a failed record).
 * Readers never OCR: they list the images the OCR stage may read (`facts.images`). */
export interface Reader {
  read(input: ReaderInput): Promise<ReadResult>;
}

/** A result with nothing else to say than its content and messages. */
export function plain(value: DocumentModel, messages: Message[], facts: Partial<ReadFacts> = {}): ReadResult {
  return { value, messages, facts: { images: [], ...facts } };
}
