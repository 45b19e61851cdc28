/**
 * review.html: one self-contained page (no network, no external files) to find the reports that
 * need a human look and check them against the source. The data is embedded once as JSON; the
 * page's script draws the list and, on demand, one report's tables in the official layout.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Message, ReportRecord } from '../../model';
import { msg } from '../../model';
import { EXTRACTOR } from '../../version';
import { CLIENT_JS } from './client';
import { PayloadBuilder } from './data';
import { CSS } from './style';
import { buildThumbnails, type ThumbnailOptions, type Thumbs } from './thumbs';

export type { ThumbnailOptions, ThumbnailPolicy } from './thumbs';

export interface ReviewOptions {
  thumbnails?: ThumbnailOptions;
  /** Page title; defaults to the output folder's name. */
  title?: string;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** JSON inside a <script> element: `<` escaped so no string can close the element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The page's HTML for these records, with these (already rendered) thumbnails. */
export function reviewHtml(records: ReportRecord[], thumbs: Thumbs = { perReport: new Map(), images: [] }, title = 'xxgk review'): string {
  const b = new PayloadBuilder();
  records.forEach((r, i) => b.add(r, thumbs.perReport.get(i)));
  const payload = b.payload(`${EXTRACTOR.name} ${EXTRACTOR.version}`);
  // Details and images come after the script: the list is interactive before the browser has read them.
  const details = b.details.map((d, i) => `<script type="application/json" id="d-${i}">${scriptJson(d)}</script>`).join('\n');
  const images = thumbs.images.map((d, i) => `<script type="text/plain" id="img-${i}">${d}</script>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${esc(title)} — ${records.length} reports</title>
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
${thumbs.note ? `<span class="note">${esc(thumbs.note)}</span>` : ''}
<span class="count" id="count"></span>
</div>
<div id="list"><div class="lrow" id="lhead"></div><div id="scroller"><div id="spacer"></div><div class="empty" id="empty" style="display:none">No report matches these filters.</div></div></div>
<div id="detail"><div class="hint">Pick a report above to see its tables as extracted, with failed checks and doubtful cells marked.</div></div>
<noscript>This page needs JavaScript to draw the list and the tables; the same data is in records/*.json and the CSV files.</noscript>
<script type="application/json" id="xxgk-data">${scriptJson(payload)}</script>
<script>${CLIENT_JS}</script>
${details}
${images}
</body></html>
`;
}

export interface ReviewResult { file: string; reports: number; thumbnails: number; bytes: number; messages: Message[] }

/** Write `<outDir>/review.html` for these records (thumbnails rendered from their PDF sources). */
export async function writeReview(outDir: string, records: ReportRecord[], options: ReviewOptions = {}): Promise<ReviewResult> {
  const messages: Message[] = [];
  let thumbs: Thumbs;
  try {
    thumbs = await buildThumbnails(records, options.thumbnails);
  } catch (e) {
    // Thumbnails are an aid: the page is still written without them.
    const note = `thumbnails failed: ${(e as Error).message}`;
    messages.push(msg('warning', 'thumbnail-failed', note));
    thumbs = { perReport: new Map(), images: [], note };
  }
  if (thumbs.note) messages.push(msg('info', 'thumbnail-note', thumbs.note));
  const file = path.join(outDir, 'review.html');
  let html: string;
  try {
    html = reviewHtml(records, thumbs, options.title ?? `xxgk review: ${path.basename(path.resolve(outDir))}`);
  } catch (e) {
    // The page is a view of the run: its failure must not cost the records and CSVs already written.
    messages.push(msg('error', 'review-failed', `review.html not written: ${(e as Error).message}`));
    return { file, reports: records.length, thumbnails: 0, bytes: 0, messages };
  }
  await fs.mkdir(outDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, html);
  await fs.rename(tmp, file);
  return { file, reports: records.length, thumbnails: thumbs.images.length, bytes: Buffer.byteLength(html), messages };
}

/** Read every `<outDir>/records/*.json`, in name order; unreadable files are reported, not fatal. */
export async function readRecords(outDir: string): Promise<{ records: ReportRecord[]; messages: Message[] }> {
  const dir = path.join(outDir, 'records');
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const records: ReportRecord[] = [];
  const messages: Message[] = [];
  for (const n of names) {
    try {
      const r = JSON.parse(await fs.readFile(path.join(dir, n), 'utf8')) as ReportRecord;
      if (!r || typeof r !== 'object' || !r.source || !r.status) throw new Error('not a report record');
      records.push(normalize(r));
    } catch (e) {
      messages.push(msg('warning', 'record-unreadable', `records/${n}: ${(e as Error).message}`));
    }
  }
  return { records, messages };
}

/** Records written by other versions may lack parts; the page treats missing parts as empty. */
function normalize(r: ReportRecord): ReportRecord {
  return {
    ...r,
    source: { ...r.source, file: String(r.source.file ?? ''), sha256: r.source.sha256 ?? '', bytes: r.source.bytes ?? 0, format: r.source.format ?? 'unknown' },
    report: { ...(r.report ?? {}), title: r.report?.title ?? null, agency: r.report?.agency ?? null, year: r.report?.year ?? null, formatVersion: r.report?.formatVersion ?? 'unknown' },
    tables: Array.isArray(r.tables) ? r.tables : [],
    cells: r.cells && typeof r.cells === 'object' ? r.cells : {},
    checks: Array.isArray(r.checks) ? r.checks : [],
    warnings: Array.isArray(r.warnings) ? r.warnings : [],
  };
}
