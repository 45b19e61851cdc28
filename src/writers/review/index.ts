/**
 * review.html: a page to find the reports that need a human look and check them against the
 * source. The page itself is small (a header, the script); the data sits beside it in review/:
 * list chunks (one line per report, loaded one after another, the list usable from the first),
 * detail chunks (loaded when one of their reports is opened) and the table-page images drawn
 * during extraction (loaded lazily). Chunk files only ever grow by appended lines, so a re-run
 * that adds reports appends to them instead of rewriting the page's data.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../../model';
import type { StoredThumbnail } from '../../store/store';
import { EXTRACTOR } from '../../version';
import { OutputFiles, removeTemps, writeAtomic } from '../files';
import { CLIENT_JS } from './client';
import { PayloadBuilder, type ReportThumbs } from './data';
import { CSS } from './style';
import { thumbRefs } from './thumbs';

/** Folder of the page's data, beside review.html. */
export const REVIEW_DIR = 'review';
/** Reports per list chunk: ~600 KB, parsed in a few milliseconds, so the first rows show at once. */
export const LIST_CHUNK = 2000;
/** Reports per detail chunk: opening a report reads ~200 details (~1 MB), not all of them. */
export const DETAIL_CHUNK = 200;

const chunk = (kind: 'list' | 'detail', k: number) => `${kind}-${String(k).padStart(4, '0')}.js`;
export const listChunk = (i: number) => `${REVIEW_DIR}/${chunk('list', Math.floor(i / LIST_CHUNK))}`;
export const detailChunk = (i: number) => `${REVIEW_DIR}/${chunk('detail', Math.floor(i / DETAIL_CHUNK))}`;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
/** JSON inside a <script> element: `<` escaped so no string can close the element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** Appends reports to the page's chunk files (report `i` is the i-th of the outputs). */
export class ReviewChunks {
  readonly builder: PayloadBuilder;
  constructor(private outDir: string, private files: OutputFiles, extraCodes: string[] = []) {
    this.builder = new PayloadBuilder(extraCodes);
  }

  async add(rec: ReportRecord, i: number, thumbnails: StoredThumbnail[] = []): Promise<void> {
    let thumbs: ReportThumbs | undefined;
    if (rec.source.format === 'pdf') thumbs = await thumbRefs(this.outDir, rec.source.sha256, thumbnails);
    await this.files.add(listChunk(i), `xxgk.l(${JSON.stringify(this.builder.summary(rec, i))});\n`);
    await this.files.add(detailChunk(i), `xxgk.d(${i},${JSON.stringify(this.builder.detail(rec, thumbs))});\n`);
  }

  /** The page for `n` reports (chunk files 0 .. as many as they fill). */
  html(n: number, title: string): string {
    const list = Array.from({ length: Math.ceil(n / LIST_CHUNK) }, (_, k) => chunk('list', k));
    const payload = this.builder.payload(`${EXTRACTOR.name} ${EXTRACTOR.version}`, n, REVIEW_DIR, list, DETAIL_CHUNK);
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'self' file: 'unsafe-inline'">
<title>${esc(title)} — ${n} reports</title>
<style>${CSS}</style></head>
<body>
<header><h1>${esc(title)}</h1><span class="sum" id="sum"></span></header>
<div id="bar">
<input type="search" id="q" autocomplete="off" placeholder="search file, agency, title, reason" aria-label="search">
<select id="f-status" aria-label="status" autocomplete="off"></select><select id="f-format" aria-label="format" autocomplete="off"></select>
<select id="f-year" aria-label="year" autocomplete="off"></select><select id="f-layout" aria-label="layout" autocomplete="off"></select>
<label><input type="checkbox" autocomplete="off" id="only-fail"> failed checks</label>
<label><input type="checkbox" autocomplete="off" id="only-warn"> warnings</label>
<label><input type="checkbox" autocomplete="off" id="only-low"> low-confidence cells</label>
<label title="not ok, or failed checks, or low-confidence cells"><input type="checkbox" autocomplete="off" id="only-review"> needs review</label>
<span class="count" id="count"></span>
</div>
<div id="list"><div class="lrow" id="lhead"></div><div id="scroller"><div id="spacer"></div><div class="empty" id="empty" style="display:none">No report matches these filters.</div></div></div>
<div id="detail"><div class="hint">Pick a report above to see its tables as extracted, with failed checks and doubtful cells marked.</div></div>
<noscript>This page needs JavaScript to draw the list and the tables; the same data is in records/*.json and the CSV files.</noscript>
<script type="application/json" id="xxgk-data">${scriptJson(payload)}</script>
<script>${CLIENT_JS}</script>
</body></html>
`;
  }
}

export interface ReviewResult { file: string; reports: number; bytes: number }

/**
 * Write `<outDir>/review.html` and its data for these records, whole (the library's entry; the
 * CLI appends through writers/output.ts). Thumbnails, when given, are per record index.
 */
export async function writeReview(outDir: string, records: Iterable<ReportRecord>, options: { title?: string; thumbnails?: Map<number, StoredThumbnail[]> } = {}): Promise<ReviewResult> {
  await removeTemps([outDir, path.join(outDir, REVIEW_DIR)]);
  const files = new OutputFiles(outDir);
  const chunks = new ReviewChunks(outDir, files);
  let n = 0;
  for (const r of records) { await chunks.add(r, n, options.thumbnails?.get(n)); n++; }
  await files.finish();
  await files.publish();
  await removeStaleChunks(outDir, n);
  const file = path.join(outDir, 'review.html');
  const html = chunks.html(n, options.title ?? reviewTitle(outDir));
  await writeAtomic(file, html);
  return { file, reports: n, bytes: Buffer.byteLength(html) };
}

export const reviewTitle = (outDir: string) => `xxgk review: ${path.basename(path.resolve(outDir))}`;

/** After a whole rewrite with fewer reports: chunk files past the last one in use. */
export async function removeStaleChunks(outDir: string, n: number): Promise<void> {
  const keep = new Set([...Array.from({ length: Math.ceil(n / LIST_CHUNK) }, (_, k) => chunk('list', k)),
    ...Array.from({ length: Math.ceil(n / DETAIL_CHUNK) }, (_, k) => chunk('detail', k))]);
  let names: string[];
  try { names = await fs.readdir(path.join(outDir, REVIEW_DIR)); } catch { return; }
  for (const f of names) if (/^(list|detail)-\d+\.js$/.test(f) && !keep.has(f)) await fs.rm(path.join(outDir, REVIEW_DIR, f), { force: true });
}
