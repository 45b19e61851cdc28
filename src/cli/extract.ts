import path from 'node:path';
import type { ReportRecord, Status } from '../model';
import { extractBatch, type BatchEvent } from '../pipeline/batch';
import type { WorkerStat } from '../pipeline/worker-pool';
import { openStore } from '../store/store';
import type { OutputEntry } from '../writers/output';
import { batchOptions } from './batch-options';
import type { Args } from './main';
import { Progress } from './progress';
import { summarize, summaryText, type Entry } from './summary';

const round = (s: number) => Math.round(s * 1000) / 1000;

/* The output writers (CSV, review page) load once the batch is planned, while the files are
 * extracted elsewhere (a thread or the workers), not before the first file can start. */
let outputs: typeof import('../writers/output') | undefined;
const loadOutputs = () => (outputs ??= require('../writers/output') as typeof import('../writers/output'));

interface Item extends Entry { order: number; item: string; inline?: ReportRecord; recordSeq?: number }

/** `xxgk extract`: the batch into the store, then the outputs brought up to date from the store
 * (what is new appended; see writers/output.ts). */
export async function runExtract(args: Args): Promise<number> {
  let store;
  try { store = openStore(args.out); } catch (e) {
    process.stderr.write(`xxgk extract: cannot open the store in ${args.out}: ${(e as Error).message}\n`);
    return 2;
  }
  const progress = new Progress(args.log);
  const items: Item[] = [];
  let order = new Map<string, number>();
  let ignored = 0;
  let workers: WorkerStat[] = [];
  let seconds = 0;
  const at = (f: string) => order.get(f) ?? Number.MAX_SAFE_INTEGER;
  const onEvent = (e: BatchEvent) => {
    if (e.type === 'plan') {
      order = new Map([...e.files, ...e.unreadable.map((s) => s.path)].map((f, i) => [f, i]));
      ignored = e.ignored.length;
      setImmediate(loadOutputs);
    }
    // Contents done by an earlier run are not read back: their summary row is enough here.
    if (e.type === 'cached') {
      items.push({
        order: at(e.names[0]), item: e.sha256, recordSeq: e.summary.seq, file: e.names[0], aliases: e.names.slice(1), status: e.summary.status as Status,
        format: e.summary.format, seconds: e.summary.seconds ?? 0, reason: e.summary.statusReason ?? undefined, cached: true, early: false,
      });
    }
    if (e.type === 'end') { workers = e.workers; seconds = e.seconds; }
    progress.event(e);
  };
  // Ctrl-C: every finished record is already in the store; say so instead of dying silently.
  const onSigint = () => {
    process.stderr.write(`\nxxgk extract: interrupted; ${items.length} records finished and kept in ${store.file}. Run the same command again to resume.\n`);
    try { store.close(); } catch { /* a statement may be mid-flight: the WAL keeps the store consistent anyway */ }
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  try {
    for await (const r of extractBatch(args.inputs, { ...batchOptions(args), store, onEvent })) {
      // Records that never reached a reader (unreadable, too big) are not in the store: re-checked each run.
      const early = !(r.source.sha256 && store.summary(r.source.sha256));
      items.push({
        order: at(r.source.file), item: early ? `input:${r.source.file}` : r.source.sha256,
        ...(early ? { inline: { ...r, timing: undefined } } : {}), early,
        file: r.source.file, aliases: r.source.aliases ?? [], status: r.status, format: r.source.format,
        seconds: r.timing?.seconds ?? 0, reason: r.statusReason, cached: false,
      });
    }
  } catch (e) {
    store.close();
    process.stderr.write(`xxgk extract: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
  process.off('SIGINT', onSigint);
  items.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
  const entries: OutputEntry[] = items.map((it) => ({ item: it.item, names: [it.file, ...it.aliases], ...(it.inline ? { inline: it.inline } : {}), ...(it.recordSeq ? { recordSeq: it.recordSeq } : {}) }));
  let written;
  try {
    written = await loadOutputs().updateOutputs(args.out, store, entries);
  } catch (e) {
    store.close();
    process.stderr.write(`xxgk extract: cannot write the outputs in ${args.out}: ${(e as Error).message}\n` +
      'Every finished record is in the store; run the same command again to write them.\n');
    return 1;
  }
  const summary = {
    ...summarize(items, ignored, seconds, workers, path.resolve(args.out)),
    outputs: { appended: written.appended, rewritten: written.rewritten, items: written.items, seconds: round(written.seconds), reviewSeconds: round(written.reviewSeconds) },
  };
  store.close();
  const o = summary.outputs;
  process.stdout.write(args.log === 'json' ? JSON.stringify({ event: 'summary', ...summary }) + '\n' : summaryText(summary) +
    `outputs: ${o.rewritten ? 'rewritten whole' : `${o.appended} appended`} (${o.items} items) in ${o.seconds.toFixed(2)} s, review page ${o.reviewSeconds.toFixed(2)} s\n`);
  if (args.failOnError && items.some((r) => r.status === 'failed' || r.status === 'unsupported')) return 1;
  return 0;
}
