import { runExtract } from './extract';
import { EXTRACTOR } from '../version';
import { reviewCommand } from './review';

const HELP = `xxgk ${EXTRACTOR.version} — extract the standard tables of 政府信息公开工作年度报告 into JSON and CSV

Usage:
  xxgk extract <file or folder>... [--out DIR] [options]
  xxgk review <out-dir> [--thumbnails auto|all|review|none]
  xxgk --help | --version

extract   Reads every input (folders recursively), finds tables 二, 三 and 四, maps each value
          cell to its field code, runs the accounting identities and writes into DIR:
            xxgk.sqlite           the resume store: one finished record per distinct content (sha256)
            records/<input>.json  one record per distinct input (source, status, report, tables, cells, checks,
                                  warnings); copies of the same bytes are listed in source.aliases
            reports.csv           one row per report: metadata, status, check counts, one column per field code
            cells.csv             one row per report x cell: code, labels, value, printed text, page/line
            checks.csv            every identity with pass/fail/skipped and the numbers involved
            codebook.csv          every field code with its Chinese labels, unit and formats
            failures.csv          every input that did not give a full (ok) record, with the reason
            review.html           the run for a human: filterable list, tables redrawn, failures marked
          Input type is detected from the bytes: text/Markdown, HTML (UTF-8 or GBK), PDF (text
          layer; scanned pages by OCR, PP-OCR from npm), Word (.docx; .doc/.wps/RTF through
          LibreOffice when installed, else .doc/.wps as text), images (PNG/JPEG/TIFF, by OCR).
          Files in folders that are obviously not reports (.json, .csv, ...) are skipped and listed.
          Files are extracted in parallel worker processes, each file with a time limit and a memory
          ceiling; a file that hangs, crashes or exhausts memory gets a failed record and the batch
          goes on. Re-running over the same DIR skips files already done (same content, same
          extractor version) and picks up new or changed ones, also after a kill -9. Identical
          files under several names are extracted once; the record lists every name (aliases).

review    Regenerates DIR/review.html from DIR/records/*.json (xxgk review --help).

Options:
  --out DIR          output folder (default: out)
  --fail-on-error    exit 1 when any input is failed or unsupported (default: exit 0 when the run completed)
  --no-libreoffice   read .doc/.wps without LibreOffice even when it is installed
  --no-ocr           never run OCR
  --timeout SEC      time limit for external converters per file (default 120)
  --max-bytes N      refuse inputs larger than N bytes (default 209715200)
  --workers N        worker processes (default: number of cores; 0: in this process, no limits)
  --file-timeout SEC time limit per file, whole extraction (default 600)
  --max-memory MB    V8 heap ceiling per worker (default 2048)
  --max-rss MB       resident-memory ceiling per worker, buffers and native memory included
                     (default: --max-memory + 1024); a worker above it is killed, its file failed
  --force            re-extract files already done in DIR
  --retry-failed     re-extract files whose stored record is failed (e.g. timed out)
  --log MODE         progress on stderr: auto (a live line on a terminal, JSON lines otherwise),
                     text (a line per file when not a terminal), json (JSON lines; the summary
                     on stdout is JSON too), quiet
  --quiet            same as --log quiet: print only the summary

Exit codes: 0 the run completed (whatever the reports' statuses), 1 --fail-on-error and a file failed,
2 usage error or the output folder's store is in use by another xxgk.`;

export interface Args {
  cmd?: string; inputs: string[]; out: string; failOnError: boolean; quiet: boolean; noLibreOffice: boolean; noOcr: boolean;
  timeout?: number; maxBytes?: number; workers?: number; fileTimeout?: number; maxMemory?: number; maxRss?: number; force: boolean; retryFailed: boolean;
  log: 'auto' | 'text' | 'json' | 'quiet';
}

function parse(argv: string[]): Args | string {
  const a: Args = { inputs: [], out: 'out', failOnError: false, quiet: false, noLibreOffice: false, noOcr: false, force: false, retryFailed: false, log: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const num = (name: string) => { const v = Number(argv[++i]); if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`); return v; };
    try {
      if (x === '--out' || x === '-o') { const v = argv[++i]; if (!v) return '--out needs a folder'; a.out = v; }
      else if (x === '--fail-on-error') a.failOnError = true;
      else if (x === '--quiet' || x === '-q') { a.quiet = true; a.log = 'quiet'; }
      else if (x === '--workers' || x === '-j') { const v = Number(argv[++i]); if (!Number.isInteger(v) || v < 0) return '--workers needs a whole number (0: no worker processes)'; a.workers = v; }
      else if (x === '--file-timeout') a.fileTimeout = num('--file-timeout');
      else if (x === '--max-memory') a.maxMemory = num('--max-memory');
      else if (x === '--max-rss') a.maxRss = num('--max-rss');
      else if (x === '--force') a.force = true;
      else if (x === '--retry-failed') a.retryFailed = true;
      else if (x === '--log') { const v = argv[++i]; if (v !== 'auto' && v !== 'text' && v !== 'json' && v !== 'quiet') return '--log needs auto, text, json or quiet'; a.log = v; }
      else if (x === '--no-libreoffice') a.noLibreOffice = true;
      else if (x === '--no-ocr') a.noOcr = true;
      else if (x === '--timeout') a.timeout = num('--timeout');
      else if (x === '--max-bytes') a.maxBytes = num('--max-bytes');
      else if (x === '--help' || x === '-h') a.cmd = 'help';
      else if (x === '--version' || x === '-v') a.cmd = 'version';
      else if (x.startsWith('-')) return `unknown option ${x}`;
      else if (!a.cmd) a.cmd = x;
      else a.inputs.push(x);
    } catch (e) { return (e as Error).message; }
  }
  return a;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'review') return reviewCommand(argv.slice(1));
  const args = parse(argv);
  if (typeof args === 'string') { process.stderr.write(`xxgk: ${args}\n\n${HELP}\n`); return 2; }
  if (!args.cmd || args.cmd === 'help') { process.stdout.write(HELP + '\n'); return args.cmd ? 0 : 2; }
  if (args.cmd === 'version') { process.stdout.write(`${EXTRACTOR.version}\n`); return 0; }
  if (args.cmd !== 'extract') { process.stderr.write(`xxgk: unknown command ${args.cmd}\n\n${HELP}\n`); return 2; }
  if (!args.inputs.length) { process.stderr.write('xxgk extract: name at least one file or folder\n'); return 2; }
  return runExtract(args);
}
