#!/usr/bin/env node
// Checks OCR inputs against their truth files: share of cells right, and wrong non-null values
// that are NOT flagged lowConfidence (must be 0). Run after `npm run build`:
//   node scripts/ocr-check.mjs [--min 0.95] <file> ...   (default: the two scanned seed PDFs)
// Exit code 1 when a file is under --min or has an unflagged wrong value.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { extract } = require(path.join(root, 'dist/pipeline/extract.js'));
const seed = path.resolve(root, '..', 'shared', 'corpus', 'seed');

const args = process.argv.slice(2);
const minAt = args.indexOf('--min');
const min = minAt >= 0 ? Number(args.splice(minAt, 2)[1]) : null;
const files = args.length ? args : [
  [path.join(seed, 'pingdingshan-jiaoti-2023.scanned-clean.pdf'), 0.99],
  [path.join(seed, 'pingdingshan-jiaoti-2023.scanned.pdf'), 0.95],
].map(([f, m]) => ({ f, m }));

/** Score one record against a truth file (cells: code → value|null; `uncertain` codes not scored). */
export function compare(record, truth) {
  const skip = new Set(truth.uncertain ?? []);
  let right = 0, total = 0;
  const wrong = [], unflagged = [], missing = [];
  for (const [code, want] of Object.entries(truth.cells)) {
    if (skip.has(code)) continue;
    total++;
    const got = record.cells[code];
    if (!got) { missing.push(code); continue; }
    if (got.value === want) { right++; continue; }
    wrong.push(`${code}: want ${want}, got ${got.value}${got.lowConfidence ? ' (flagged)' : ''}`);
    if (got.value !== null && !got.lowConfidence) unflagged.push(code);
  }
  return { right, total, wrong, unflagged, missing };
}

let failed = false;
for (const item of files) {
  const f = typeof item === 'string' ? item : item.f;
  const need = min ?? (typeof item === 'string' ? 0 : item.m);
  const truthFile = `${f}.truth.json`;
  if (!fs.existsSync(truthFile)) { console.log(`${path.basename(f)}: no truth file ${truthFile}`); failed = true; continue; }
  const t0 = Date.now();
  const rec = await extract(f);
  const r = compare(rec, JSON.parse(fs.readFileSync(truthFile, 'utf8')));
  const share = r.right / r.total;
  const ok = share >= need && r.unflagged.length === 0;
  failed ||= !ok;
  const flagged = Object.values(rec.cells).filter((c) => c.lowConfidence).length;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${path.basename(f)}: ${r.right}/${r.total} cells right (${(100 * share).toFixed(1)}%, need ${(100 * need).toFixed(0)}%), `
    + `${r.wrong.length} wrong (${r.unflagged.length} non-null unflagged), ${r.missing.length} missing, ${flagged} flagged lowConfidence, `
    + `OCR ${rec.timing?.ocrSeconds?.toFixed(1) ?? '-'} s for ${rec.report.pageCount ?? '?'} pages, total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const w of r.wrong) console.log(`    ${w}`);
  if (r.missing.length) console.log(`    missing: ${r.missing.slice(0, 10).join(', ')}${r.missing.length > 10 ? ' …' : ''}`);
}
process.exitCode = failed ? 1 : 0;
