import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
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
      setCode(import('./extract').then((m) => m.runExtract(args)));
    });
  p.command('review')
    .description('rewrite every output of DIR (CSVs, records, review page) whole from its store')
    .argument('<out-dir>', 'the --out folder of xxgk extract')
    .option('-q, --quiet', 'print only the summary line')
    .action((dir: string, o: { quiet: boolean }) => { setCode(import('./review').then((m) => m.reviewCommand(dir, o))); });
  p.command('export')
    .description('write the store in DIR as Parquet: reports.parquet (one row per report, one column per field code) and cells.parquet (one row per report x cell)')
    .argument('<out-dir>', 'the --out folder of xxgk extract')
    .option('--to <DIR>', 'folder for the Parquet files (default: <out-dir>/parquet)')
    .action((dir: string, o: { to?: string }) => { setCode(import('./export').then((m) => m.exportCommand(dir, o))); });
  return p;
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
