import { createHash } from 'node:crypto';
import type { ReportRecord, Status } from '../model';
import { msg, policyWith } from '../model';
import { EXTRACTOR } from '../version';
import { sniff } from '../readers/sniff';

/* Records made without reading a document (too big, unreadable, a dead worker). Apart from
 * extract.ts so the batch's own process can make them without loading the readers and the schema. */

export const DEFAULT_MAX_BYTES = policyWith().maxInputBytes;

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

export const secondsSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** Why an input never reached a reader: the same words from the batch, the queue and the library. */
export const cannotRead = (e: unknown) => `cannot read file: ${(e as Error).message}`;
export const overMaxBytes = (size: number, maxBytes: number) => `file is ${size} bytes, over the ${maxBytes}-byte limit (--max-bytes)`;

/** A status reason is a one-line summary (CSV rows, terminal lines); full texts stay in `warnings`. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function bare(name: string, buffer: Buffer, status: Status, reason: string, started: bigint, bytes?: number, format = 'unknown'): ReportRecord {
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
    timing: { seconds: secondsSince(started) },
  };
}

/** A failed/unsupported record for an input that never reached a reader (unreadable, too big, ...). */
export function inputFailure(name: string, status: 'failed' | 'unsupported', reason: string, bytes = 0, sha = '', format = 'unknown'): ReportRecord {
  const r = bare(name, Buffer.alloc(0), status, reason, process.hrtime.bigint(), bytes, format);
  r.source.sha256 = sha;
  return r;
}

/** Bytes sniffed to name the format of a file whose extraction never returned. */
export const SNIFF_BYTES = 1 << 16;

/** A record for a content whose worker hung, crashed or ran out of memory (or was lost with its
 * machine): what is known without it, the format from the first bytes. */
export function workerFailure(name: string, head: Buffer | undefined, bytes: number, sha: string, reason: string, seconds: number): ReportRecord {
  const r = inputFailure(name, 'failed', reason, bytes, sha, head ? sniff(head, name).type : 'unknown');
  r.timing = { seconds };
  return r;
}
