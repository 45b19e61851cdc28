/**
 * Table-page images for the review page. They are drawn during extraction, where the PDF is
 * already open (pipeline/thumbnails.ts), kept in the store, and written here as files beside
 * review.html that the page loads lazily, one report at a time.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StoredThumbnail } from '../../store/store';
import { writeAtomic } from '../files';
import type { ReportThumbs } from './data';

export const IMAGE_DIR = 'review/img';
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' };

/** Why a PDF report has no image: drawn only where extraction was asked to (xxgk extract --thumbnails). */
export const NO_THUMBNAIL = 'no page image was drawn for this report during extraction: by default only reports that need review get one ' +
  '(`xxgk extract --thumbnails all --force` draws every PDF)';

/** Write a record's images (named by content and page, so a re-run writes each once) and refer to them. */
export async function thumbRefs(outDir: string, sha256: string, thumbnails: StoredThumbnail[]): Promise<ReportThumbs> {
  if (!thumbnails.length) return { thumbs: [], note: NO_THUMBNAIL };
  const thumbs = [];
  for (const t of thumbnails) {
    const src = `${IMAGE_DIR}/${sha256}-p${t.page}.${EXT[t.mime] ?? 'img'}`;
    const file = path.join(outDir, src);
    const st = await fs.stat(file).catch(() => undefined);
    if (st?.size !== t.data.length) await writeAtomic(file, t.data);
    const rg = [t.region.x0, t.region.y0, t.region.x1, t.region.y1].map((n) => Math.round(n * 10) / 10) as [number, number, number, number];
    thumbs.push({ page: t.page, src, cropped: t.cropped, rg, w: t.width, h: t.height });
  }
  return { thumbs };
}
