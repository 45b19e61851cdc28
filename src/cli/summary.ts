import type { Status } from '../model';
import type { WorkerStat } from '../pipeline/worker-pool';

/** What the summary needs of each record; the records themselves stay in the store. */
export interface Entry {
  file: string; aliases: string[]; status: Status; format: string; seconds: number; reason?: string; cached: boolean;
  /** Failed before reaching a worker (unreadable, too big): no extraction time to speak of. */
  early: boolean;
}

export interface Summary {
  files: number;
  records: number;
  duplicateNames: number;
  alreadyDone: number;
  extracted: number;
  ignored: number;
  seconds: number;
  byStatus: Record<string, number>;
  byFormat: Record<string, Record<string, number>>;
  problems: { file: string; status: Status; format: string; reason: string }[];
  slowest: { file: string; seconds: number; format: string }[];
  workers: { started: number; peakRssMb: number[]; replaced: Record<string, number> };
  out: string;
}

const STATUSES: Status[] = ['ok', 'partial', 'failed', 'unsupported'];
/** Listed in the text summary; failures.csv has them all. */
const PROBLEMS_SHOWN = 30;
const SLOWEST_SHOWN = 5;

export function summarize(entries: Entry[], ignored: number, seconds: number, workers: WorkerStat[], out: string): Summary {
  const byStatus: Record<string, number> = {};
  const byFormat: Record<string, Record<string, number>> = {};
  for (const e of entries) {
    byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    (byFormat[e.format] ??= {})[e.status] = (byFormat[e.format][e.status] ?? 0) + 1;
  }
  const replaced: Record<string, number> = {};
  for (const w of workers) {
    // Heap exhaustion and the resident-memory ceiling both count as memory; recycling and closing are routine.
    const why = w.ended === 'timeout' ? 'timeout' : w.ended === 'memory' || w.ended === 'heap' ? 'memory' : w.ended === 'crash' || w.ended === 'exit' ? 'crash' : undefined;
    if (why) replaced[why] = (replaced[why] ?? 0) + 1;
  }
  return {
    files: entries.reduce((n, e) => n + 1 + e.aliases.length, 0),
    records: entries.length,
    duplicateNames: entries.reduce((n, e) => n + e.aliases.length, 0),
    alreadyDone: entries.filter((e) => e.cached).length,
    extracted: entries.filter((e) => !e.cached).length,
    ignored, seconds, byStatus, byFormat,
    problems: entries.filter((e) => e.status === 'failed' || e.status === 'unsupported')
      .map((e) => ({ file: e.file, status: e.status, format: e.format, reason: e.reason ?? '' })),
    slowest: entries.filter((e) => !e.cached && !e.early).sort((a, b) => b.seconds - a.seconds).slice(0, SLOWEST_SHOWN)
      .map((e) => ({ file: e.file, seconds: Math.round(e.seconds * 1000) / 1000, format: e.format })),
    workers: { started: workers.length, peakRssMb: workers.map((w) => Math.round(w.peakRssBytes / 1048576)), replaced },
    out,
  };
}

export function summaryText(s: Summary): string {
  const lines: string[] = [];
  lines.push(`${s.files} files → ${s.records} records${s.duplicateNames ? ` (${s.duplicateNames} ${s.duplicateNames === 1 ? 'file is a copy' : 'files are copies'} of another)` : ''}; ` +
    `${s.extracted} extracted, ${s.alreadyDone} already done${s.ignored ? `; ${s.ignored} ignored` : ''}; ${s.seconds.toFixed(1)} s`);
  const formats = Object.keys(s.byFormat).sort();
  const w = Math.max(8, ...formats.map((f) => f.length));
  lines.push(['format'.padEnd(w), ...STATUSES.map((x) => x.padStart(11)), 'total'.padStart(7)].join(' '));
  for (const f of [...formats, 'all']) {
    const counts = f === 'all' ? s.byStatus : s.byFormat[f];
    const total = STATUSES.reduce((n, x) => n + (counts[x] ?? 0), 0);
    lines.push([f.padEnd(w), ...STATUSES.map((x) => String(counts[x] ?? 0).padStart(11)), String(total).padStart(7)].join(' '));
  }
  if (s.problems.length) {
    lines.push(`failed or unsupported (${s.problems.length}${s.problems.length > PROBLEMS_SHOWN ? `, first ${PROBLEMS_SHOWN} shown` : ''}; all in failures.csv):`);
    for (const p of s.problems.slice(0, PROBLEMS_SHOWN)) lines.push(`  ${p.status.padEnd(11)} ${p.file}: ${p.reason}`);
  }
  if (s.slowest.length) {
    lines.push('slowest:');
    for (const x of s.slowest) lines.push(`  ${x.seconds.toFixed(2).padStart(8)} s  ${x.file} [${x.format}]`);
  }
  if (s.workers.started) {
    const replaced = Object.entries(s.workers.replaced).map(([k, v]) => `${v} ${k}`).join(', ');
    lines.push(`workers: ${s.workers.started} started, peak memory of a worker ${Math.max(...s.workers.peakRssMb)} MB${replaced ? `; replaced after: ${replaced}` : ''}`);
  }
  lines.push(`Output in ${s.out}`);
  return lines.join('\n') + '\n';
}
