import type { ReportRecord } from '../model';
import { sniff } from '../readers/sniff';
import { inputFailure } from './extract';

/** Bytes sniffed to name the format of a file whose extraction never returned. */
export const SNIFF_BYTES = 1 << 16;

/** A record for a content whose worker hung, crashed or ran out of memory (or was lost with its
 * machine): what is known without it, the format from the first bytes. */
export function workerFailure(name: string, head: Buffer | undefined, bytes: number, sha: string, reason: string, seconds: number): ReportRecord {
  const r = inputFailure(name, 'failed', reason, bytes, sha, head ? sniff(head, name).type : 'unknown');
  r.timing = { seconds };
  return r;
}
