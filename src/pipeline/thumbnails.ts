/**
 * Table-page images for the review page, drawn where the PDF is at hand: in the worker (or the
 * in-process runner) right after the file is extracted. They travel with the record as data
 * into the store; the review writer only writes them out as files.
 */
import type { BBox, PageInfo, ReportRecord } from '../model';
import type { StoredThumbnail } from '../store/store';

/**
 * `review` (the CLI's default) only reports that need a look (not ok, failed checks, low-confidence
 * cells); `all` every PDF; `none` no images. Drawing costs ~0.3 s a page (pdf.js builds every
 * glyph's outline; CJK fonts have many), several times the extraction of a text-layer page, so
 * images go where a human will look.
 */
export type ThumbnailPolicy = 'all' | 'review' | 'none';
/** Pages drawn per report at most: the tables sit on two or three pages; more is a hint of a scan. */
const MAX_PAGES = 4;

export const needsReview = (r: ReportRecord) => r.status !== 'ok' || r.checks.some((c) => c.outcome === 'fail') || Object.values(r.cells).some((c) => c.lowConfidence || c.assumedColumn);

/** The pages a record's tables came from, each with the region its cells cover (when known). */
export function tablePages(r: ReportRecord): { page: number; crop?: BBox }[] {
  const pages = new Set<number>();
  for (const t of r.tables) for (const p of t.pages) pages.add(p);
  const boxes = new Map<number, BBox>();
  let unboxed = new Set<number>();
  for (const c of Object.values(r.cells)) {
    if (!c.page) continue;
    pages.add(c.page);
    if (!c.bbox) { unboxed.add(c.page); continue; }
    const b = boxes.get(c.page);
    boxes.set(c.page, b ? { x0: Math.min(b.x0, c.bbox.x0), y0: Math.min(b.y0, c.bbox.y0), x1: Math.max(b.x1, c.bbox.x1), y1: Math.max(b.y1, c.bbox.y1) } : { ...c.bbox });
  }
  // A page with any cell lacking a box is shown whole: a crop could cut off the unboxed cells.
  unboxed = new Set([...unboxed].filter((p) => p > 0));
  return [...pages].filter((p) => p > 0).sort((a, b) => a - b).map((page) => ({ page, ...(boxes.has(page) && !unboxed.has(page) ? { crop: boxes.get(page) } : {}) }));
}

/** Images of the table pages of this record's PDF, under the policy (never throws: images are an aid).
 * `sizes`: the pages as the reader measured them (then pdftoppm can draw them, see readers/pdf/thumbnail.ts). */
export async function drawThumbnails(record: ReportRecord, pdf: Buffer, policy: ThumbnailPolicy, sizes: PageInfo[] = []): Promise<StoredThumbnail[]> {
  if (record.source.format !== 'pdf' || policy === 'none' || (policy === 'review' && !needsReview(record))) return [];
  const pages = tablePages(record).slice(0, MAX_PAGES);
  if (!pages.length) return [];
  const size = new Map(sizes.filter((p) => p.width > 0 && p.height > 0).map((p) => [p.page, { width: p.width, height: p.height }]));
  try {
    // Loaded here: a run without PDFs never loads the PDF side.
    const { renderThumbnails } = require('../readers/pdf/thumbnail') as typeof import('../readers/pdf/thumbnail');
    const res = await renderThumbnails(pdf, pages.map((p) => (size.has(p.page) ? { ...p, size: size.get(p.page) } : p)));
    return res.value.map((t) => ({ page: t.page, region: t.region, cropped: t.cropped, width: t.width, height: t.height, mime: 'image/jpeg', data: t.jpeg }));
  } catch {
    return [];
  }
}
