/**
 * Which PDF pages get a thumbnail on the review page, within a size budget. Thumbnails are
 * re-rendered from `source.file` (the record keeps no images), only when the file there is still
 * the one that was extracted (same sha256).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { BBox, ReportRecord } from '../../model';
import { renderThumbnails, thumbnailSupport } from '../../readers/pdf/thumbnail';
import type { ReportThumbs } from './data';

export type ThumbnailPolicy = 'auto' | 'all' | 'review' | 'none';

export interface ThumbnailOptions {
  /**
   * `all` every PDF; `review` only reports that need a look (not ok, failed checks, low-confidence
   * cells); `auto` (default) all when the run is small, else `review`; `none` no thumbnails.
   */
  policy?: ThumbnailPolicy;
  /** Stop rendering when the images reach this many bytes (the page must stay quick to open). */
  maxBytes?: number;
  /** Stop rendering after this many seconds (default 120): the page must not hold up a big run. */
  maxSeconds?: number;
  /** Called after each report's thumbnails (progress for long runs). */
  onReport?: (done: number, total: number) => void;
}

/** Under `auto`, render every PDF when the run has at most this many pages to draw. */
const AUTO_ALL_MAX_PAGES = 300;
/** Default image budget: ~40 MB of base64 still opens in about a second. */
const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;
/** Default time budget: about 150-250 pages on one core, enough for the reports that need review. */
const DEFAULT_MAX_SECONDS = 120;

export interface Thumbs {
  /** Per record index. */
  perReport: Map<number, ReportThumbs>;
  /** Image data URIs by id (stored once each in the page). */
  images: string[];
  /** Run-level note (e.g. rendering unavailable, budget reached). */
  note?: string;
}

const needsReview = (r: ReportRecord) => r.status !== 'ok' || r.checks.some((c) => c.outcome === 'fail') || Object.values(r.cells).some((c) => c.lowConfidence || c.assumedColumn);

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

export async function buildThumbnails(records: ReportRecord[], options: ThumbnailOptions = {}): Promise<Thumbs> {
  const perReport = new Map<number, ReportThumbs>();
  const images: string[] = [];
  const pdfs = records.map((r, i) => ({ r, i })).filter(({ r }) => r.source.format === 'pdf');
  if (!pdfs.length) return { perReport, images };
  let policy = options.policy ?? 'auto';
  if (policy === 'none') {
    for (const { i } of pdfs) perReport.set(i, { thumbs: [], note: 'thumbnails were turned off for this page (xxgk review --thumbnails none)' });
    return { perReport, images };
  }
  const support = await thumbnailSupport();
  if (!support.ok) {
    const note = `page thumbnails are unavailable on the machine that wrote this page: ${support.reason}`;
    for (const { i } of pdfs) perReport.set(i, { thumbs: [], note });
    return { perReport, images, note };
  }
  if (policy === 'auto') {
    const pages = pdfs.reduce((s, { r }) => s + tablePages(r).length, 0);
    policy = pages <= AUTO_ALL_MAX_PAGES ? 'all' : 'review';
  }
  // Reports that need a look first, failed checks before the rest, so a budget cut hits the fine ones.
  const rank = (r: ReportRecord) => (r.checks.some((c) => c.outcome === 'fail') ? 0 : needsReview(r) ? 1 : 2);
  const order = [...pdfs].sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const deadline = Date.now() + (options.maxSeconds ?? DEFAULT_MAX_SECONDS) * 1000;
  let bytes = 0, done = 0, cut = 0;
  for (const { r, i } of order) {
    done++;
    if (policy === 'review' && !needsReview(r)) {
      perReport.set(i, { thumbs: [], note: 'no thumbnail: this report needs no review and the run is large (regenerate with xxgk review <out> --thumbnails all)' });
      continue;
    }
    const pages = tablePages(r);
    if (!pages.length) { perReport.set(i, { thumbs: [], note: 'no table was found, so there is no table page to show' }); continue; }
    if (bytes >= maxBytes || Date.now() > deadline) {
      cut++;
      const budget = bytes >= maxBytes ? `image budget (${Math.round(maxBytes / 1048576)} MB)` : `time budget (${options.maxSeconds ?? DEFAULT_MAX_SECONDS} s)`;
      perReport.set(i, { thumbs: [], note: `no thumbnail: the page's ${budget} was used up by reports that need review more (xxgk review <out> --thumbnails all --thumbnail-mb N --thumbnail-seconds S)` });
      continue;
    }
    let buf: Buffer;
    try {
      buf = await fs.readFile(r.source.file);
    } catch {
      perReport.set(i, { thumbs: [], note: `no thumbnail: the source file is not at ${r.source.file} any more` });
      continue;
    }
    if (r.source.sha256 && createHash('sha256').update(buf).digest('hex') !== r.source.sha256) {
      perReport.set(i, { thumbs: [], note: `no thumbnail: ${r.source.file} has changed since it was extracted` });
      continue;
    }
    const res = await renderThumbnails(buf, pages);
    const thumbs = res.value.map((t) => {
      images.push(t.dataUri);
      bytes += t.dataUri.length;
      const rg = [t.region.x0, t.region.y0, t.region.x1, t.region.y1].map((n) => Math.round(n * 10) / 10) as [number, number, number, number];
      return { page: t.page, id: images.length - 1, cropped: t.cropped, rg };
    });
    const problems = res.messages.map((m) => m.message);
    perReport.set(i, { thumbs, ...(problems.length ? { note: problems.join('; ') } : {}) });
    options.onReport?.(done, order.length);
  }
  return { perReport, images, ...(cut ? { note: `${cut} PDF reports have no thumbnail: the image or time budget was reached` } : {}) };
}
