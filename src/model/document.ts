import type { BBox, Message } from './messages';

/**
 * The one document model every reader produces. Readers know nothing about the report format:
 * they deliver text blocks and tables (grids of cells) in reading order, each item knowing where
 * it came from. Table recognition and schema mapping work only on this model.
 */
export interface DocumentModel {
  /** Detected input kind, e.g. `txt`, `md`, `html`, `docx`, `doc`, `pdf`, `image`. */
  format: string;
  /** How the reader got there, e.g. `mammoth`, `libreoffice->docx`, `word-extractor`, `pdfjs`, `ppocr`. */
  route?: string;
  /** Document title if the container declares one (HTML <title>, PDF Info.Title, docx core props). */
  title?: string;
  pageCount?: number;
  /** Text and tables in reading order. */
  blocks: Block[];
  /** Per-page facts the reader could establish (dimensions, rotation, text presence). */
  pages?: PageInfo[];
  /** Pictures inside the document (a table pasted as an image is common): where they sit and how
   * to get their bytes. The pipeline OCRs them when the text did not give the standard tables. */
  images?: EmbeddedImage[];
}

export interface EmbeddedImage {
  /** Index in `blocks` before which the image sits. */
  at: number;
  /** How the document names it: a file name, a package path, `data:` … */
  name: string;
  /** The image bytes, when the document carries them (docx media, data: URIs). */
  data?: Buffer;
  /** A file beside the document (saved web pages keep images in a folder next to the HTML). */
  path?: string;
}

export interface PageInfo {
  page: number;
  width: number;
  height: number;
  rotation?: number;
  /** Number of text characters found on the page. */
  textChars: number;
  /** True when the page is (nearly) covered by images and has no text: a scan. */
  imageOnly?: boolean;
  /** Share of the page (0..1) covered by images, when the reader measured it. */
  imageCover?: number;
  /** Seconds spent on OCR for this page, when OCR ran. */
  ocrSeconds?: number;
}

export type Block = TextBlock | TableBlock;

export interface TextBlock {
  kind: 'text';
  text: string;
  /** Heading level (1 = title) when the source marks it; undefined for body text. */
  heading?: number;
  page?: number;
  line?: number;
  bbox?: BBox;
}

export interface TableBlock {
  kind: 'table';
  table: Table;
}

/**
 * A table as a grid. `rows[r][c]` is the cell covering that slot; a merged cell appears in every
 * slot it covers (the same object), so spans are explicit both as geometry and as identity.
 * Rows may be ragged when the source lost cell boundaries (plain text): mapping copes with that.
 */
export interface Table {
  rows: (Cell | null)[][];
  /** How the grid was built: `html`, `text-tabs`, `text-pipes`, `text-spaces`, `lattice`, `stream`, `ocr`;
   * `text-flat` when the source lost row boundaries (Word 97 text): every row holds one extracted
   * line's cells in reading order, row ends are empty cells, and the schema layer rebuilds the rows. */
  method: string;
  /** First and last page the table occupies (after stitching across pages). */
  page?: number;
  pageEnd?: number;
  bbox?: BBox;
  /** Reader-specific quality notes (camelot-style), e.g. accuracy or whitespace ratio. */
  quality?: Record<string, number>;
  messages?: Message[];
}

export interface Cell {
  /** Stable id within the table, used to recognise the same merged cell in several slots. */
  id: number;
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  page?: number;
  line?: number;
  bbox?: BBox;
  /** OCR confidence 0..1 when the text came from OCR. */
  confidence?: number;
  /** Alternative readings (OCR) the value layer may choose between. */
  alternatives?: string[];
}
