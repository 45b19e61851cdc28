import { promises as fs } from 'node:fs';
import { runChecks } from '../checks/identities';
import { resolveOcrAlternatives } from '../checks/resolve';
import type { DocumentModel, Message, PageInfo, Policy, ReportRecord, Unreadable } from '../model';
import { msg, policyWith } from '../model';
import { readerFor } from '../readers/registry';
import { sniff } from '../readers/sniff';
import { extractMetadata } from '../schema/metadata';
import { recognize, type Recognized } from '../schema/recognize';
import { EXTRACTOR } from '../version';
import { bare, cannotRead, oneLine, secondsSince as seconds, sha256 } from './failure';
import { zipProblem } from './guards';
import { ocrStage, type Unread } from './ocr-stage';
import { decideStatus } from './status';

export interface ExtractOptions {
  /** Name recorded as `source.file` when extracting a buffer. */
  name?: string;
  /** Files larger than this are refused (bytes). Default: Policy.maxInputBytes. */
  maxBytes?: number;
  /** Seconds one external conversion (LibreOffice, image decoding) may take. Default: Policy.converterSeconds. */
  timeoutSeconds?: number;
  /** Seconds one page's OCR may take. Default: Policy.ocrPageSeconds. */
  ocrPageSeconds?: number;
  /** Disable LibreOffice even when installed. */
  noLibreOffice?: boolean;
  /** Disable OCR: scanned pages and pictures are reported as not read. */
  noOcr?: boolean;
  /** Any other threshold (see src/model/policy.ts). */
  policy?: Partial<Policy>;
}

/** The policy an extraction runs under: the defaults, the caller's policy, then the named options. */
export function resolvePolicy(o: ExtractOptions): Policy {
  return policyWith({ ...o.policy, maxInputBytes: o.maxBytes, converterSeconds: o.timeoutSeconds, ocrPageSeconds: o.ocrPageSeconds });
}

/**
 * Extract one report from a path or a buffer. Never throws: every failure becomes a record with
 * status `failed` (or `unsupported`) and the reason.
 */
export async function extract(input: string | Buffer, options: ExtractOptions = {}): Promise<ReportRecord> {
  return (await extractDocument(input, options)).record;
}

/** `extract`, plus the page sizes the reader measured (what a batch worker needs to draw pages). */
export async function extractDocument(input: string | Buffer, options: ExtractOptions = {}): Promise<{ record: ReportRecord; pages?: PageInfo[] }> {
  const started = process.hrtime.bigint();
  const name = options.name ?? (typeof input === 'string' ? input : 'buffer');
  const policy = resolvePolicy(options);
  const limit = policy.maxInputBytes;
  let buffer: Buffer;
  try {
    if (typeof input === 'string') {
      const st = await fs.stat(input);
      if (!st.isFile()) return only(bare(name, Buffer.alloc(0), 'failed', `not a regular file`, started));
      if (st.size > limit) return only(bare(name, Buffer.alloc(0), 'failed', `file is ${st.size} bytes, over the ${limit}-byte limit`, started, st.size));
      buffer = await fs.readFile(input);
    } else buffer = input;
  } catch (e) {
    return only(bare(name, Buffer.alloc(0), 'failed', cannotRead(e), started));
  }
  if (buffer.length > limit) return only(bare(name, buffer, 'failed', `input is ${buffer.length} bytes, over the size limit`, started));
  try {
    return await extractBuffer(buffer, name, options, policy, started);
  } catch (e) {
    return only(bare(name, buffer, 'failed', `internal error: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? e}`, started));
  }
}

const only = (record: ReportRecord) => ({ record });

async function extractBuffer(buffer: Buffer, name: string, options: ExtractOptions, policy: Policy, started: bigint): Promise<{ record: ReportRecord; pages?: PageInfo[] }> {
  const sniffed = sniff(buffer, name);
  if (sniffed.type === 'empty') return only(bare(name, buffer, 'failed', 'empty file (0 bytes)', started, undefined, 'empty'));
  if (['docx', 'xlsx', 'ofd', 'zip'].includes(sniffed.type)) {
    const problem = zipProblem(buffer, policy.maxUnzippedBytes);
    if (problem) {
      const why = problem.kind === 'bomb' ? problem.reason : `not a readable .${sniffed.type}: the ZIP container is damaged: ${problem.reason}`;
      return only(bare(name, buffer, 'failed', why, started, undefined, sniffed.type));
    }
  }
  const reader = readerFor(sniffed.type);
  if (!reader) {
    const what = sniffed.type === 'binary' ? 'binary data that is no document format we read' : `${sniffed.type}${sniffed.detail ? ` (${sniffed.detail})` : ''} input is not supported yet`;
    return only(bare(name, buffer, sniffed.type === 'binary' ? 'unsupported' : 'failed', what, started, undefined, sniffed.type));
  }
  const read = await reader.read({ buffer, name, sniffed: sniffed.type, detail: sniffed.detail, options: { policy, noLibreOffice: options.noLibreOffice } });
  let ocr;
  try {
    ocr = await ocrStage(read.value, read.facts, { policy, noOcr: options.noOcr });
  } finally {
    await read.facts.release?.();
  }
  const record = buildRecord(read.value, [...read.messages, ...ocr.messages], name, buffer, { recognized: ocr.recognized, unreadable: read.facts.unreadable, unread: ocr.unread });
  record.timing = { seconds: seconds(started), ...(ocr.seconds ? { ocrSeconds: ocr.seconds } : {}) };
  return { record, pages: read.value.pages };
}

/** What the pipeline already knows when it builds the record. */
export interface RecordFacts {
  /** The tables as recognized (recognized here when not given). */
  recognized?: Recognized;
  unreadable?: Unreadable;
  unread?: Unread[];
}

/** From a document model to a record: tables, metadata, checks, status. */
export function buildRecord(doc: DocumentModel, messages: Message[], name: string, buffer: Buffer, facts: RecordFacts = {}): ReportRecord {
  const warnings: Message[] = [...messages];
  const rec = facts.recognized ?? recognize(doc);
  warnings.push(...rec.messages);
  const meta = extractMetadata(doc);
  warnings.push(...resolveOcrAlternatives(rec.cells, rec.shapes[3] ?? '2021'));
  const checks = runChecks(rec.cells, rec.shapes[3] ?? '2021');
  for (const c of checks.filter((x) => x.outcome === 'fail')) {
    warnings.push(msg('warning', 'check-failed', `${c.id} fails for ${c.scope}: ${c.left} ≠ ${c.right} (${c.description})`));
  }
  const { status, reason } = decideStatus({
    unreadable: facts.unreadable,
    unread: facts.unread ?? [],
    isReport: meta.isReport,
    year: meta.year,
    tables: rec.tables,
    uncertainCells: Object.values(rec.cells).filter((v) => v.lowConfidence).length,
  });
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

export { DEFAULT_MAX_BYTES, inputFailure, sha256 } from './failure';
