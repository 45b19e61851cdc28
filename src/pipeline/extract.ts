import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runChecks } from '../checks/identities';
import { resolveOcrAlternatives } from '../checks/resolve';
import type { DocumentModel, Message, ReportRecord, Status } from '../model';
import { msg } from '../model';
import { readerFor } from '../readers/registry';
import { sniff } from '../readers/sniff';
import type { ReaderOptions } from '../readers/types';
import { extractMetadata } from '../schema/metadata';
import { recognize } from '../schema/recognize';
import { EXTRACTOR } from '../version';
import { zipProblem } from './guards';
import { ocrEmbeddedImages } from './images';

export interface ExtractOptions extends ReaderOptions {
  /** Name recorded as `source.file` when extracting a buffer. */
  name?: string;
  /** Files larger than this are refused (bytes). Default 200 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** Earliest statistics year with a national table format. */
const FIRST_FORMAT_YEAR = 2019;

/**
 * Extract one report from a path or a buffer. Never throws: every failure becomes a record with
 * status `failed` (or `unsupported`) and the reason.
 */
export async function extract(input: string | Buffer, options: ExtractOptions = {}): Promise<ReportRecord> {
  const started = process.hrtime.bigint();
  const name = options.name ?? (typeof input === 'string' ? input : 'buffer');
  let buffer: Buffer;
  try {
    if (typeof input === 'string') {
      const st = await fs.stat(input);
      if (!st.isFile()) return bare(name, Buffer.alloc(0), 'failed', `not a regular file`, started);
      if (st.size > (options.maxBytes ?? DEFAULT_MAX_BYTES)) return bare(name, Buffer.alloc(0), 'failed', `file is ${st.size} bytes, over the ${options.maxBytes ?? DEFAULT_MAX_BYTES}-byte limit`, started, st.size);
      buffer = await fs.readFile(input);
    } else buffer = input;
  } catch (e) {
    return bare(name, Buffer.alloc(0), 'failed', `cannot read file: ${(e as Error).message}`, started);
  }
  if (buffer.length > (options.maxBytes ?? DEFAULT_MAX_BYTES)) return bare(name, buffer, 'failed', `input is ${buffer.length} bytes, over the size limit`, started);
  try {
    return await extractBuffer(buffer, name, options, started);
  } catch (e) {
    return bare(name, buffer, 'failed', `internal error: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? e}`, started);
  }
}

async function extractBuffer(buffer: Buffer, name: string, options: ExtractOptions, started: bigint): Promise<ReportRecord> {
  const sniffed = sniff(buffer, name);
  if (sniffed.type === 'empty') return bare(name, buffer, 'failed', 'empty file (0 bytes)', started, undefined, 'empty');
  if (['docx', 'xlsx', 'ofd', 'zip'].includes(sniffed.type)) {
    const problem = zipProblem(buffer);
    if (problem) {
      const why = /bomb|over the/.test(problem) ? problem : `not a readable .${sniffed.type}: the ZIP container is damaged: ${problem}`;
      return bare(name, buffer, 'failed', why, started, undefined, sniffed.type);
    }
  }
  const reader = readerFor(sniffed.type);
  if (!reader) {
    const what = sniffed.type === 'binary' ? 'binary data that is no document format we read' : `${sniffed.type}${sniffed.detail ? ` (${sniffed.detail})` : ''} input is not supported yet`;
    return bare(name, buffer, sniffed.type === 'binary' ? 'unsupported' : 'failed', what, started, undefined, sniffed.type);
  }
  const read = await reader.read({ buffer, name, sniffed: sniffed.type, detail: sniffed.detail, options });
  const pictures = await ocrEmbeddedImages(read.value, options);
  const record = buildRecord(read.value, [...read.messages, ...pictures.messages], name, buffer);
  const ocr = ocrSeconds(read.value) + pictures.ocrSeconds;
  record.timing = { seconds: seconds(started), ...(ocr ? { ocrSeconds: ocr } : {}) };
  return record;
}

const ocrSeconds = (doc: DocumentModel) => (doc.pages ?? []).reduce((s, p) => s + (p.ocrSeconds ?? 0), 0);

/** From a document model to a record: recognize tables, metadata, checks, status. */
export function buildRecord(doc: DocumentModel, readerMessages: Message[], name: string, buffer: Buffer): ReportRecord {
  const warnings: Message[] = [...readerMessages];
  const fatal = readerMessages.find((m) => m.severity === 'error');
  // Content the reader saw but could not read (scanned pages, tables as pictures) explains missing tables.
  const needsOcr = readerMessages.find((m) => m.code.endsWith('needs-ocr') && m.severity !== 'error');
  const rec = recognize(doc);
  warnings.push(...rec.messages);
  const meta = extractMetadata(doc);
  warnings.push(...resolveOcrAlternatives(rec.cells, rec.shapes[3] ?? '2021'));
  const checks = runChecks(rec.cells, rec.shapes[3] ?? '2021');
  for (const c of checks.filter((x) => x.outcome === 'fail')) {
    warnings.push(msg('warning', 'check-failed', `${c.id} fails for ${c.scope}: ${c.left} ≠ ${c.right} (${c.description})`));
  }
  const found = rec.tables.length;
  let status: Status;
  let reason: string | undefined;
  if (meta.year !== null && meta.year < FIRST_FORMAT_YEAR && found < 2) {
    status = 'unsupported'; reason = `a ${meta.year} report: reports before 2019 have no national table format`;
  } else if (!found) {
    if (fatal) { status = 'failed'; reason = fatal.message; }
    else if (needsOcr) { status = 'failed'; reason = needsOcr.message; }
    else if (!meta.isReport) { status = 'unsupported'; reason = 'not a government information-disclosure annual report (no report title and none of the standard tables)'; }
    else {
      status = 'failed'; reason = 'a report, but none of the standard tables 二/三/四 was found';
      // Tables pasted as pictures are the usual cause when the file has images.
      const images = readerMessages.filter((m) => m.code === 'image-not-read').length;
      if (images) reason += `; the file has ${images} picture${images > 1 ? 's' : ''} that ${images > 1 ? 'were' : 'was'} not read (see warnings)`;
    }
  } else {
    const incomplete = rec.tables.filter((t) => t.cellsFound < t.cellsExpected);
    const missingTables = ([2, 3, 4] as const).filter((n) => !rec.tables.some((t) => t.table === n));
    const uncertain = Object.entries(rec.cells).filter(([, v]) => v.lowConfidence).map(([k]) => k);
    const problems: string[] = [];
    if (missingTables.length) problems.push(`table ${missingTables.map((n) => '二三四'[n - 2]).join('/')} not found`);
    if (incomplete.length) problems.push(incomplete.map((t) => `table ${'二三四'[t.table - 2]}: ${t.cellsFound}/${t.cellsExpected} cells`).join('; '));
    if (uncertain.length) problems.push(`${uncertain.length} cells need review (low confidence or assumed columns)`);
    if (fatal) problems.push(fatal.message);
    if (needsOcr && (missingTables.length || incomplete.length)) problems.push(needsOcr.message);
    status = problems.length ? 'partial' : 'ok';
    reason = problems.length ? problems.join('; ') : undefined;
  }
  return {
    source: { file: name, sha256: sha256(buffer), bytes: buffer.length, format: doc.format, ...(doc.route ? { route: doc.route } : {}) },
    status,
    ...(reason ? { statusReason: oneLine(reason) } : {}),
    report: { title: meta.title, agency: meta.agency, year: meta.year, formatVersion: rec.formatVersion, ...(doc.pageCount ? { pageCount: doc.pageCount } : {}) },
    tables: rec.tables,
    cells: rec.cells,
    checks,
    warnings,
    extractor: EXTRACTOR,
  };
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

function bare(name: string, buffer: Buffer, status: Status, reason: string, started: bigint, bytes?: number, format = 'unknown'): ReportRecord {
  return {
    source: { file: name, sha256: buffer.length || bytes === undefined ? sha256(buffer) : '', bytes: bytes ?? buffer.length, format },
    status,
    statusReason: oneLine(reason),
    report: { title: null, agency: null, year: null, formatVersion: 'unknown' },
    tables: [],
    cells: {},
    checks: [],
    warnings: [msg(status === 'failed' ? 'error' : 'info', status === 'failed' ? 'input-failed' : 'input-unsupported', reason)],
    extractor: EXTRACTOR,
    timing: { seconds: seconds(started) },
  };
}

/** A failed/unsupported record for an input that never reached a reader (unreadable, too big, ...). */
export function inputFailure(name: string, status: 'failed' | 'unsupported', reason: string, bytes = 0, sha = '', format = 'unknown'): ReportRecord {
  const r = bare(name, Buffer.alloc(0), status, reason, process.hrtime.bigint(), bytes, format);
  r.source.sha256 = sha;
  return r;
}

export const baseName = (file: string) => path.basename(file);

/** A status reason is a one-line summary (CSV rows, terminal lines); full texts stay in `warnings`. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
