import { promises as fs } from 'node:fs';
import type { ReportRecord } from '../model';
import type { StoredThumbnail } from '../store/store';
import { extractDocument, type ExtractOptions } from './extract';
import { drawThumbnails, type ThumbnailPolicy } from './thumbnails';

/** One file as a batch runs it (in a worker process or thread): the record, then the images of
 * its table pages while the bytes are at hand (the read is served from the page cache). */
export async function extractFile(file: string, name: string, options: ExtractOptions, policy: ThumbnailPolicy): Promise<{ record: ReportRecord; thumbnails: StoredThumbnail[] }> {
  const { record, pages } = await extractDocument(file, { ...options, name });
  if (record.source.format !== 'pdf' || policy === 'none') return { record, thumbnails: [] };
  const pdf = await fs.readFile(file).catch(() => undefined);
  return { record, thumbnails: pdf ? await drawThumbnails(record, pdf, policy, pages) : [] };
}
