import type { DocumentModel } from './document';
import type { Message } from './messages';

/**
 * What a reader establishes about a document besides its content: typed facts the pipeline decides
 * on. Messages say the same things for people; no code reads their wording.
 */
export interface ReadFacts {
  /** Set when the document could not be read at all; `reason` is for people. */
  unreadable?: Unreadable;
  /** Images the OCR stage may read: scanned pages and pictures, in document order. */
  images: ImageSource[];
  /** Frees what the lazy image sources hold open (a parsed PDF); called once OCR is done. */
  release?: () => Promise<void>;
}

export type UnreadableKind =
  /** A password is needed. */
  | 'encrypted'
  /** The container or file structure is damaged. */
  | 'corrupt'
  /** Neither text nor images. */
  | 'empty'
  /** The text layer maps its glyphs to no readable characters, and nothing can be OCR'd. */
  | 'unmapped-glyphs'
  /** A program needed to read it (LibreOffice) is missing or disabled. */
  | 'needs-converter'
  /** The external converter failed on it. */
  | 'conversion-failed'
  /** A container of a kind that holds no document (an Excel workbook under .doc). */
  | 'not-a-document';

export interface Unreadable { kind: UnreadableKind; reason: string }

/** 8-bit grayscale pixels, row-major, one byte per pixel. */
export interface GrayPixels { width: number; height: number; data: Uint8Array }

/**
 * Something the OCR stage may read. `load` is lazy: nothing is decoded or rendered unless the stage
 * decides the image is needed. It resolves to the pictures found (a page source gives one raster;
 * a "pictures on page N" source may give several, or none) and rejects with a reason for people.
 */
export interface ImageSource {
  /** `page`: a scanned page, whose OCR replaces the page's (empty) text layer; `picture`: an image
   * inside a document with text, whose OCR is inserted where it sits. */
  kind: 'page' | 'picture';
  /** How the document names it: a page number, a package path, a file beside an HTML page … */
  name: string;
  /** 1-based page, for paged documents. */
  page?: number;
  /** Flowing documents: index in `blocks` before which the picture sits. */
  at?: number;
  /** Size of the encoded image when known before loading (pictures smaller than a table are skipped unread). */
  bytes?: number;
  load(): Promise<LoadedImage[]>;
}

export type LoadedImage =
  /** Encoded bytes (PNG, JPEG, …) with no placement: a picture in a flowing document, or an image file. */
  | { kind: 'encoded'; data: Buffer }
  /** Pixels placed on a page: `dpi` pixels per inch, `width`×`height` the page in points, `origin` where
   * the raster's top-left corner sits on it (points, top-left origin). */
  | { kind: 'raster'; raster: GrayPixels; dpi: number; width: number; height: number; origin?: { x: number; y: number }; textChars?: number;
      /** A scanned page drawn by a renderer rather than taken from its own image: why (for people). */
      rendered?: string }
  /** Nothing to read, and why (an `<img>` whose file was not saved beside the page). Not an error. */
  | { kind: 'missing'; reason: string };

/** What every reader returns: the document, the messages for people, and the facts. */
export interface ReadResult {
  value: DocumentModel;
  messages: Message[];
  facts: ReadFacts;
}
