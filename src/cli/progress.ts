import type { ReportRecord } from '../model';
import type { BatchEvent } from '../pipeline/batch';

export type LogMode = 'auto' | 'text' | 'json' | 'quiet';

/** Redraw the terminal line at most this often: a fast batch must not spend its time printing. */
const REDRAW_MS = 100;

const clock = (s: number) => {
  if (!Number.isFinite(s)) return '?';
  s = Math.round(s);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return `${h ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(sec).padStart(2, '0')}`;
};

/**
 * Progress of a batch on stderr: one redrawn line on a terminal (done/total, rate, ETA, failures so
 * far); JSON lines when stderr is not a terminal or with `--log json` (one object per event, for
 * schedulers and log collectors). Rate and ETA count only files actually extracted in this run:
 * records reused from the store arrive instantly and would make the ETA lie.
 */
export class Progress {
  private tty: boolean;
  private json: boolean;
  private startedAt = Date.now();
  private firstExtractAt?: number;
  private lastDraw = 0;
  private failed = 0;
  private unsupported = 0;
  private lineShown = false;

  constructor(private mode: LogMode, private out: NodeJS.WriteStream = process.stderr) {
    this.json = mode === 'json' || (mode === 'auto' && !out.isTTY);
    this.tty = !this.json && mode !== 'quiet' && !!out.isTTY;
  }

  event(e: BatchEvent): void {
    if (this.mode === 'quiet') return;
    if (e.type === 'hashing') {
      if (this.json) this.line({ event: 'hashing', done: e.done, total: e.total });
      else if (this.tty) { this.lineShown = true; this.out.write(`\r\x1b[Kreading and hashing ${e.done}/${e.total} files`); }
      return;
    }
    if (e.type === 'plan') {
      if (this.tty && this.lineShown) { this.out.write('\r\x1b[K'); this.lineShown = false; }
      if (this.json) {
        this.line({ event: 'plan', total: e.total, files: e.files.length + e.unreadable.length, unique: e.unique, alreadyDone: e.cached, toExtract: e.toExtract, ignored: e.ignored.length });
        for (const s of e.ignored) this.line({ event: 'ignored', file: s.path, reason: s.reason });
      } else {
        for (const s of e.ignored) this.out.write(`ignored ${s.path}: ${s.reason}\n`);
        this.out.write(`${e.files.length + e.unreadable.length} files, ${e.unique} distinct contents; ${e.cached} already done, ${e.toExtract} to extract\n`);
      }
      return;
    }
    if (e.type === 'end') {
      if (this.tty && this.lineShown) this.out.write('\r\x1b[K');
      if (this.json) this.line({ event: 'end', seconds: e.seconds, workers: e.workers.length });
      return;
    }
    if (e.type === 'cached') { // counted in the plan: thousands of "unchanged" lines help nobody
      if (e.summary.status === 'failed') this.failed++;
      if (e.summary.status === 'unsupported') this.unsupported++;
      return;
    }
    const r = e.record;
    if (r.status === 'failed') this.failed++;
    if (r.status === 'unsupported') this.unsupported++;
    if (!e.cached && e.extracted === 1) this.firstExtractAt ??= Date.now();
    const rate = this.rate(e.extracted);
    const eta = rate > 0 ? (e.toExtract - e.extracted) / rate : Infinity;
    if (this.json) {
      if (e.cached) return; // counted in the plan; thousands of lines saying "unchanged" help nobody
      this.line({ event: 'file', done: e.done, total: e.total, file: r.source.file, status: r.status, format: r.source.format,
        seconds: round(r.timing?.seconds ?? 0), ...(r.statusReason ? { reason: r.statusReason } : {}),
        ...(r.source.aliases ? { aliases: r.source.aliases.length } : {}),
        rate: round(rate), etaSeconds: Number.isFinite(eta) ? Math.round(eta) : null, failed: this.failed, unsupported: this.unsupported });
      return;
    }
    if (!this.tty) {
      if (!e.cached) this.out.write(`${r.status.padEnd(11)} ${r.source.file} [${r.source.format}]${r.statusReason ? ` — ${r.statusReason}` : ''}\n`);
      return;
    }
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && e.done < e.total) return;
    this.lastDraw = now;
    this.lineShown = true;
    this.out.write(`\r\x1b[K${e.done}/${e.total} done  ${rate.toFixed(1)} files/s  ETA ${clock(eta)}  failed ${this.failed}  unsupported ${this.unsupported}  ${truncate(r.source.file, 50)}`);
  }

  private rate(extracted: number): number {
    const since = this.firstExtractAt ?? this.startedAt;
    const s = (Date.now() - since) / 1000;
    return extracted && s > 0 ? extracted / s : 0;
  }

  private line(o: object): void { this.out.write(JSON.stringify({ t: new Date().toISOString(), ...o }) + '\n'); }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const truncate = (s: string, n: number) => (s.length <= n ? s : '…' + s.slice(-n + 1));

export const isProblem = (r: ReportRecord) => r.status === 'failed' || r.status === 'unsupported';
