import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { STORE_FILE } from '../store/api';
import { isPostgresUrl } from '../store/pg/url';
import { batchOptions } from './batch-options';
import { EXTRACTOR } from '../version';

/* Only commander and the version are loaded up front: `xxgk --version` and `--help` must be
 * instant, and each command loads its own modules (a .txt never loads the PDF or Word readers). */

const OUTPUTS = `
What \`extract\` writes into DIR (every file describes the whole store, see the README):
  xxgk.sqlite           the store: one finished record per distinct content (sha256), plus the
                        relational tables reports, cells, checks, warnings (query them with SQL)
  records/<input>.json  one record per distinct input (source, status, report, tables, cells, checks,
                        warnings); copies of the same bytes are listed in source.aliases
  reports.csv           one row per report: metadata, status, check counts, one column per field code
  cells.csv             one row per report x cell: code, labels, value, printed text, page/line
  checks.csv            every identity with pass/fail/skipped and the numbers involved
  checks-across-years.csv  identities between consecutive years of one body
  codebook.csv          every field code with its Chinese labels, unit and formats
  failures.csv          every input that did not give a full (ok) record, with the reason
  review.html           the run for a human (list and details load from review/ beside it)

Input type is detected from the bytes: text/Markdown, HTML (UTF-8 or GBK), PDF (text layer;
scanned pages by OCR with PP-OCR from npm), Word (.docx; .doc/.wps/RTF through LibreOffice
when installed, else .doc/.wps as text), images (PNG/JPEG/TIFF, by OCR). Files in folders that are
obviously not reports (.json, .csv, ...) are skipped and listed. Files are extracted in worker
processes, each with a time limit and a memory ceiling (a run of a few files extracts in this
process, with the same time limit); a file that hangs, crashes or exhausts memory gets a failed
record and the batch goes on. Re-running over the same DIR extracts only new or changed contents
and appends them to the outputs, also after a kill -9. Identical files under several names are
extracted once; the record lists every name (aliases).

Exit codes: 0 the run completed (whatever the reports' statuses), 1 --fail-on-error and a file failed,
2 usage error or the output folder's store is in use by another xxgk.`;

const STORE_HELP = 'the PostgreSQL store: postgres://user@host:port/db (TLS options such as ?sslmode=verify-full pass through; password from the URL or PGPASSWORD; default $XXGK_STORE)';

export interface Args {
  inputs: string[]; out: string; failOnError: boolean; quiet: boolean; noLibreOffice: boolean; noOcr: boolean;
  timeout?: number; ocrPageSeconds?: number; maxBytes?: number; workers?: number; fileTimeout?: number; maxMemory?: number; maxRss?: number;
  force: boolean; retryFailed: boolean; log: 'auto' | 'text' | 'json' | 'quiet'; thumbnails: 'all' | 'review' | 'none';
}

const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} needs a positive number`);
  return n;
};
const wholeNumber = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('--workers needs a whole number (0: no worker processes)');
  return n;
};

function program(setCode: (c: Promise<number>) => void): Command {
  const p = new Command('xxgk')
    .description(`xxgk ${EXTRACTOR.version} — extract the standard tables of 政府信息公开工作年度报告 into JSON, CSV and SQL`)
    .version(EXTRACTOR.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(false)
    .exitOverride();
  p.command('extract')
    .description('read every input (folders recursively), find tables 二, 三 and 四, map each value cell to its field code, run the identities, write DIR')
    .argument('<inputs...>', 'files or folders')
    .option('-o, --out <DIR>', 'output folder', 'out')
    .option('--store <URL>', 'keep the records in a shared PostgreSQL store instead of DIR/xxgk.sqlite (postgres://…; default $XXGK_STORE when it is one): inputs are queued, extracted here with any other workers, and DIR written whole from the store')
    .option('--fail-on-error', 'exit 1 when any input is failed or unsupported (default: exit 0 when the run completed)')
    .option('--no-libreoffice', 'read .doc/.wps without LibreOffice even when it is installed')
    .option('--no-ocr', 'never run OCR')
    .option('--timeout <SEC>', 'time limit of one external converter run (LibreOffice) per file (default 120)', positive('--timeout'))
    .option('--ocr-page-seconds <SEC>', 'OCR time budget per page (default 180)', positive('--ocr-page-seconds'))
    .option('--max-bytes <N>', 'refuse inputs larger than N bytes (default 209715200)', positive('--max-bytes'))
    .option('-j, --workers <N>', 'worker processes (default: number of cores, in-process for a run of up to 2 files to extract; 0: in this process, time limit only)', wholeNumber)
    .option('--file-timeout <SEC>', 'time limit per file, whole extraction (default 600)', positive('--file-timeout'))
    .option('--max-memory <MB>', 'V8 heap ceiling per worker (default 2048)', positive('--max-memory'))
    .option('--max-rss <MB>', 'resident-memory ceiling per worker, buffers and native memory included (default: --max-memory + 1024); a worker above it is killed, its file failed', positive('--max-rss'))
    .option('--force', 're-extract files already done in DIR')
    .option('--retry-failed', 're-extract files whose stored record is failed (e.g. timed out)')
    .addOption(new Option('--thumbnails <P>', 'images of the table pages for the review page, drawn during extraction: review (reports that need a look: not ok, failed checks, low-confidence cells), all (every PDF; ~50 ms a page with poppler\'s pdftoppm installed, ~0.3 s with pdf.js), none').choices(['review', 'all', 'none']).default('review'))
    .addOption(new Option('--log <MODE>', 'progress on stderr: auto (a live line on a terminal, JSON lines otherwise), text, json (the summary on stdout is JSON too), quiet').choices(['auto', 'text', 'json', 'quiet']).default('auto'))
    .option('-q, --quiet', 'same as --log quiet: print only the summary')
    .addHelpText('after', OUTPUTS)
    .action((inputs: string[], o: Record<string, unknown>) => {
      const args: Args = {
        inputs, out: o.out as string, failOnError: !!o.failOnError, quiet: !!o.quiet, noLibreOffice: o.libreoffice === false, noOcr: o.ocr === false,
        timeout: o.timeout as number | undefined, ocrPageSeconds: o.ocrPageSeconds as number | undefined, maxBytes: o.maxBytes as number | undefined,
        workers: o.workers as number | undefined, fileTimeout: o.fileTimeout as number | undefined, maxMemory: o.maxMemory as number | undefined,
        maxRss: o.maxRss as number | undefined, force: !!o.force, retryFailed: !!o.retryFailed,
        log: o.quiet ? 'quiet' : (o.log as Args['log']), thumbnails: o.thumbnails as Args['thumbnails'],
      };
      const url = (o.store as string | undefined) ?? process.env.XXGK_STORE;
      if (isPostgresUrl(url)) { setCode(import('./extract-shared').then((m) => m.runExtractShared(args, url))); return; }
      if (o.store) { process.stderr.write('xxgk extract: --store needs a postgres:// URL (the embedded store is DIR/xxgk.sqlite)\n'); setCode(Promise.resolve(2)); return; }
      prestartForFewFiles(args);
      setCode(import('./extract').then((m) => m.runExtract(args)));
    });
  p.command('review')
    .description('rewrite every output of DIR (CSVs, records, review page) whole from its store')
    .argument('<out-dir>', 'the --out folder of xxgk extract')
    .option('-q, --quiet', 'print only the summary line')
    .action((dir: string, o: { quiet: boolean }) => { setCode(import('./review').then((m) => m.reviewCommand(dir, o))); });
  p.command('export')
    .description('write the store in DIR as Parquet: reports.parquet (one row per report, one column per field code) and cells.parquet (one row per report x cell); with --store URL --out DIR, every output of extract from the shared PostgreSQL store')
    .argument('[out-dir]', 'the --out folder of xxgk extract')
    .option('--to <DIR>', 'folder for the Parquet files (default: <out-dir>/parquet)')
    .option('--store <URL>', 'a PostgreSQL store (postgres://user@host:port/db?sslmode=...; default $XXGK_STORE)')
    .option('-o, --out <DIR>', 'with --store: the folder to write (CSVs, records, review page, parquet/)')
    .action((dir: string | undefined, o: { to?: string; store?: string; out?: string }) => { setCode(import('./export').then((m) => m.exportCommand(dir, o))); });
  p.command('enqueue')
    .description('store every input (folders recursively) in the PostgreSQL store, each distinct content once with all its names, and queue one job per content not yet done by this version')
    .argument('<inputs...>', 'files or folders')
    .option('--store <URL>', STORE_HELP)
    .option('--lease <SEC>', 'seconds a worker may hold a job before it goes back to the queue (default: 2 x --file-timeout + 120)', positive('--lease'))
    .option('--file-timeout <SEC>', 'the workers\' --file-timeout, to size the default lease (default 600)', positive('--file-timeout'))
    .option('--max-bytes <N>', 'refuse inputs larger than N bytes (default 209715200)', positive('--max-bytes'))
    .option('--retry-failed', 'queue again contents whose record is failed')
    .option('-q, --quiet', 'print only the summary')
    .action((inputs: string[], o: Record<string, unknown>) => {
      setCode(import('./enqueue').then((m) => m.enqueueCommand({ inputs, store: o.store as string | undefined, lease: o.lease as number | undefined,
        fileTimeout: o.fileTimeout as number | undefined, maxBytes: o.maxBytes as number | undefined, retryFailed: !!o.retryFailed, quiet: !!o.quiet })));
    });
  p.command('worker')
    .description('take jobs from the PostgreSQL queue and extract them (run one per machine); records go to the shared store')
    .option('--store <URL>', STORE_HELP)
    .option('-j, --workers <N>', 'extraction processes (default: number of cores)', positive('--workers'))
    .option('--until-empty', 'exit 0 when no job is waiting or running anywhere (default: wait for new jobs until Ctrl-C)')
    .option('--file-timeout <SEC>', 'time limit per file, whole extraction (default 600)', positive('--file-timeout'))
    .option('--max-memory <MB>', 'V8 heap ceiling per extraction process (default 2048)', positive('--max-memory'))
    .option('--max-rss <MB>', 'resident-memory ceiling per extraction process (default: --max-memory + 1024)', positive('--max-rss'))
    .option('--no-libreoffice', 'read .doc/.wps without LibreOffice even when it is installed')
    .option('--no-ocr', 'never run OCR')
    .option('--timeout <SEC>', 'time limit of one external converter run (LibreOffice) per file (default 120)', positive('--timeout'))
    .option('--ocr-page-seconds <SEC>', 'OCR time budget per page (default 180)', positive('--ocr-page-seconds'))
    .option('--check-leases <SEC>', 'how often expired leases are returned to the queue (pg-boss maintenance; default 30)', positive('--check-leases'))
    .addOption(new Option('--thumbnails <P>', 'images of the table pages for the review page (see extract)').choices(['review', 'all', 'none']).default('review'))
    .addOption(new Option('--log <MODE>', 'a line per finished file on stderr: text, json, quiet').choices(['text', 'json', 'quiet']).default('text'))
    .action((o: Record<string, unknown>) => {
      setCode(import('./worker').then((m) => m.workerCommand({
        store: o.store as string | undefined, workers: o.workers as number | undefined, untilEmpty: !!o.untilEmpty, fileTimeout: o.fileTimeout as number | undefined,
        maxMemory: o.maxMemory as number | undefined, maxRss: o.maxRss as number | undefined, noOcr: o.ocr === false, noLibreOffice: o.libreoffice === false,
        timeout: o.timeout as number | undefined, ocrPageSeconds: o.ocrPageSeconds as number | undefined, checkLeases: o.checkLeases as number | undefined,
        thumbnails: o.thumbnails as 'review' | 'all' | 'none', log: o.log as 'text' | 'json' | 'quiet',
      })));
    });
  p.command('status')
    .description('progress of the shared PostgreSQL store across machines: queued, running, done, failed, rate')
    .option('--store <URL>', STORE_HELP)
    .option('--json', 'one JSON object')
    .action((o: { store?: string; json?: boolean }) => { setCode(import('./status').then((m) => m.statusCommand({ store: o.store, json: !!o.json }))); });
  return p;
}

/** A run of a few named files extracts in a thread of this process (pipeline/thread.ts): start it
 * before the rest of the command loads, the store opens and the files are hashed. When the output
 * folder has no store yet (or --force), none of the files can be done already: their extraction
 * starts right away too, and the batch takes the results over. */
function prestartForFewFiles(args: Args): void {
  const limits = require('../pipeline/limits') as typeof import('../pipeline/limits');
  const thread = require('../pipeline/thread') as typeof import('../pipeline/thread');
  if (args.workers !== undefined || args.inputs.length > limits.IN_PROCESS_MAX_FILES) { thread.dropBareThread(); return; }
  const sizes = args.inputs.map((f) => { try { const st = statSync(f); return st.isFile() ? st.size : -1; } catch { return -1; } });
  if (sizes.some((s) => s < 0)) { thread.dropBareThread(); return; }
  // A PDF among them: the thread loads pdf.js right away too (the largest part of its start).
  const { sniff } = require('../readers/sniff') as typeof import('../readers/sniff');
  const pdf = args.inputs.some((f) => { try { return sniff(head(f)).type === 'pdf'; } catch { return false; } });
  const { jobLimits, jobOptions } = require('../pipeline/job-options') as typeof import('../pipeline/job-options');
  const { DEFAULT_MAX_BYTES } = require('../pipeline/failure') as typeof import('../pipeline/failure');
  const options = batchOptions(args);
  const fresh = args.force || !existsSync(path.join(args.out, STORE_FILE));
  // Over the size limit: refused without reading. Two files of one size may be one content, extracted once.
  const jobs = !fresh ? [] : args.inputs.filter((_, i) => sizes[i] <= (args.maxBytes ?? DEFAULT_MAX_BYTES) && sizes.indexOf(sizes[i]) === i)
    .map((f) => ({ file: f, name: f, options: jobOptions(options), thumbnails: options.thumbnails ?? 'none' }));
  thread.prestartThread(jobLimits(options), pdf ? ['pdf'] : [], jobs);
}

function head(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(1024);
    return b.subarray(0, readSync(fd, b, 0, b.length, 0));
  } finally { closeSync(fd); }
}

export async function main(argv: string[]): Promise<number> {
  let code: Promise<number> | undefined;
  const p = program((c) => { code = c; });
  if (!argv.length) { process.stdout.write(p.helpInformation()); return 2; }
  try {
    await p.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // Help and version were printed by commander; every other parse error is a usage error (2).
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
  }
  return code ?? 2;
}
