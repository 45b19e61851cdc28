import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readRecords, writeReview, type ThumbnailPolicy } from '../writers/review';

export const REVIEW_HELP = `xxgk review <out-dir> [--thumbnails auto|all|review|none] [--thumbnail-mb N] [--thumbnail-seconds S] [--quiet]

Regenerates <out-dir>/review.html from <out-dir>/records/*.json: a self-contained page with a
sortable, filterable list of every report and each report's tables 二/三/四 redrawn in the official
layout, failed identities highlighted on their cells, null and low-confidence cells marked.
PDF sources get thumbnails of the table pages when source.file still holds the extracted file
(paths are as given to xxgk extract, so run this from the same folder).

Options:
  --thumbnails P   auto (default: all PDFs in small runs, else only reports that need review),
                   all, review, none
  --thumbnail-mb N image budget for the page in MB (default 40)
  --thumbnail-seconds S  stop rendering thumbnails after S seconds (default 120)
  --quiet          print only the summary line`;

/** `xxgk review <out-dir>`: exit 0 written, 1 no records, 2 usage. */
export async function reviewCommand(argv: string[]): Promise<number> {
  let dir: string | undefined;
  let policy: ThumbnailPolicy | undefined;
  let maxMb: number | undefined;
  let maxSeconds: number | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--help' || x === '-h') { process.stdout.write(REVIEW_HELP + '\n'); return 0; }
    else if (x === '--quiet' || x === '-q') quiet = true;
    else if (x === '--thumbnails') {
      const v = argv[++i];
      if (!['auto', 'all', 'review', 'none'].includes(v)) return usage(`--thumbnails needs auto, all, review or none`);
      policy = v as ThumbnailPolicy;
    } else if (x === '--thumbnail-mb') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) return usage('--thumbnail-mb needs a number of megabytes');
      maxMb = v;
    } else if (x === '--thumbnail-seconds') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) return usage('--thumbnail-seconds needs a number of seconds');
      maxSeconds = v;
    } else if (x.startsWith('-')) return usage(`unknown option ${x}`);
    else if (!dir) dir = x;
    else return usage(`one output folder only (got ${dir} and ${x})`);
  }
  if (!dir) return usage('name the output folder of an xxgk extract run');
  try {
    await fs.access(path.join(dir, 'records'));
  } catch {
    process.stderr.write(`xxgk review: ${path.join(dir, 'records')} does not exist: is ${dir} the --out folder of xxgk extract?\n`);
    return 1;
  }
  const { records, messages } = await readRecords(dir);
  for (const m of messages) process.stderr.write(`warning: ${m.message}\n`);
  if (!records.length) { process.stderr.write(`xxgk review: no records in ${path.join(dir, 'records')}\n`); return 1; }
  const started = Date.now();
  const res = await writeReview(dir, records, {
    thumbnails: {
      policy, ...(maxMb !== undefined ? { maxBytes: maxMb * 1024 * 1024 } : {}), ...(maxSeconds !== undefined ? { maxSeconds } : {}),
      onReport: quiet ? undefined : (done, total) => process.stderr.write(`\rthumbnails ${done}/${total}`),
    },
  });
  if (!quiet && res.thumbnails) process.stderr.write('\n');
  for (const m of res.messages) if (!quiet || m.severity !== 'info') process.stderr.write(`${m.severity}: ${m.message}\n`);
  process.stdout.write(`${res.file}: ${res.reports} reports, ${res.thumbnails} page thumbnails, ${(res.bytes / 1048576).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`xxgk review: ${problem}\n\n${REVIEW_HELP}\n`);
  return 2;
}
