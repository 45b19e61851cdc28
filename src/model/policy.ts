/**
 * Every threshold that decides what the pipeline does with a document, in one place, each with the
 * reason for its value (camelot's style). Readers and stages receive the policy they run under;
 * a caller changes one by passing `policy: { ... }` in the extract options.
 */
export interface Policy {
  /** A PDF page with fewer text-layer characters than this has no text worth reading: a page number or
   * a stray mark is not content, a scanned page with an invisible OCR layer of a few glyphs is. */
  scanMaxTextChars: number;
  /** ...and whose images cover at least this share of it is a scan. Scanners and phone apps place one
   * image over the whole page (≥0.9); 0.3 still catches a scan placed small on an A4 MediaBox. */
  scanMinImageCover: number;
  /** An image covering this share of a page is the page's own scan image: it is OCR'd at its own
   * resolution instead of rendering the page (no resampling, no rendering cost). */
  pageImageCover: number;
  /** A picture covering at least this share of a text page may be a table pasted as an image. */
  pictureMinPageShare: number;
  /** Encoded pictures smaller than this are icons, logos or rules, never a table of the report. */
  pictureMinBytes: number;
  /** At most this many pictures of one document are OCR'd (each takes seconds). */
  maxPicturesOcr: number;
  /** Seconds one page's (or picture's) OCR may take before it is abandoned with a warning:
   * a 300-dpi A4 page takes a few seconds; ten times that means a pathological image. */
  ocrPageSeconds: number;
  /** Seconds one external conversion (LibreOffice) may take: a 30-page .doc converts in a few. */
  converterSeconds: number;
  /** Declared uncompressed size above which a .docx/.xlsx zip is refused before inflating: report
   * files, images included, stay far below; inflating more risks the worker's memory ceiling. */
  maxUnzippedBytes: number;
  /** Inputs larger than this are refused unread (bytes). */
  maxInputBytes: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  scanMaxTextChars: 5,
  scanMinImageCover: 0.3,
  pageImageCover: 0.8,
  pictureMinPageShare: 0.3,
  pictureMinBytes: 4 * 1024,
  maxPicturesOcr: 12,
  ocrPageSeconds: 180,
  converterSeconds: 120,
  maxUnzippedBytes: 512 * 1024 * 1024,
  maxInputBytes: 200 * 1024 * 1024,
});

/** The default policy with the caller's changes. */
export function policyWith(changes: Partial<Policy> = {}): Policy {
  const p = { ...DEFAULT_POLICY };
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) (p as Record<string, unknown>)[k] = v;
  return p;
}
