import path from 'node:path';
import type { ReportRecord } from '../model';
import { extractBatch } from '../pipeline/batch';
import { collectInputs } from '../pipeline/inputs';
import { writeOutputs } from '../writers/output';
import { EXTRACTOR } from '../version';
import { reviewCommand } from './review';

const HELP = `xxgk ${EXTRACTOR.version} — extract the standard tables of 政府信息公开工作年度报告 into JSON and CSV

Usage:
  xxgk extract <file or folder>... [--out DIR] [options]
  xxgk review <out-dir> [--thumbnails auto|all|review|none]
  xxgk --help | --version

extract   Reads every input (folders recursively), finds tables 二, 三 and 四, maps each value
          cell to its field code, runs the accounting identities and writes into DIR:
            records/<input>.json  one record per input (source, status, report, tables, cells, checks, warnings)
            reports.csv           one row per report: metadata, status, check counts, one column per field code
            cells.csv             one row per report x cell: code, labels, value, printed text, page/line
            checks.csv            every identity with pass/fail/skipped and the numbers involved
            codebook.csv          every field code with its Chinese labels, unit and formats
            failures.csv          every input that did not give a full (ok) record, with the reason
            review.html           the run for a human: filterable list, tables redrawn, failures marked
          Input type is detected from the bytes: text/Markdown, HTML (UTF-8 or GBK), Word (.docx;
          .doc/.wps/RTF through LibreOffice when installed, else .doc/.wps as text), and the formats
          whose readers are installed (see README). Files in folders that are obviously not reports
          (.json, .csv, ...) are skipped and listed.

review    Regenerates DIR/review.html from DIR/records/*.json (xxgk review --help).

Options:
  --out DIR          output folder (default: out)
  --fail-on-error    exit 1 when any input is failed or unsupported (default: exit 0 when the run completed)
  --no-libreoffice   read .doc/.wps without LibreOffice even when it is installed
  --no-ocr           never run OCR
  --timeout SEC      time limit for external converters per file (default 120)
  --max-bytes N      refuse inputs larger than N bytes (default 200000000)
  --quiet            print only the summary

Exit codes: 0 the run completed (whatever the reports' statuses), 1 --fail-on-error and a file failed,
2 usage error.`;

interface Args { cmd?: string; inputs: string[]; out: string; failOnError: boolean; quiet: boolean; noLibreOffice: boolean; noOcr: boolean; timeout?: number; maxBytes?: number }

function parse(argv: string[]): Args | string {
  const a: Args = { inputs: [], out: 'out', failOnError: false, quiet: false, noLibreOffice: false, noOcr: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const num = (name: string) => { const v = Number(argv[++i]); if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`); return v; };
    try {
      if (x === '--out' || x === '-o') { const v = argv[++i]; if (!v) return '--out needs a folder'; a.out = v; }
      else if (x === '--fail-on-error') a.failOnError = true;
      else if (x === '--quiet' || x === '-q') a.quiet = true;
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
  const { files, skipped } = await collectInputs(args.inputs);
  const log = (s: string) => { if (!args.quiet) process.stderr.write(s + '\n'); };
  for (const s of skipped) log(`skip  ${s.path}: ${s.reason}`);
  const records: ReportRecord[] = [];
  for await (const r of extractBatch(files, { timeoutSeconds: args.timeout, maxBytes: args.maxBytes, noLibreOffice: args.noLibreOffice, noOcr: args.noOcr })) {
    records.push(r);
    const fails = r.checks.filter((c) => c.outcome === 'fail').length;
    log(`${r.status.padEnd(11)} ${r.source.file}  [${r.source.format}${r.source.route ? `/${r.source.route}` : ''}] ${Object.keys(r.cells).length} cells` +
      `${fails ? `, ${fails} failed checks` : ''}${r.statusReason ? ` — ${r.statusReason}` : ''}`);
  }
  await writeOutputs(args.out, records);
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.status] = (counts[r.status] ?? 0) + 1;
  process.stdout.write(`${records.length} inputs: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}` +
    `${skipped.length ? `; ${skipped.length} skipped` : ''}. Output in ${path.resolve(args.out)}\n`);
  if (args.failOnError && records.some((r) => r.status === 'failed' || r.status === 'unsupported')) return 1;
  return 0;
}
