#!/usr/bin/env node
// Text copied out of real PDFs: every text-layer PDF of ../shared/corpus through `pdftotext -layout`
// and plain `pdftotext` (reading order), extracted with the built CLI and scored against the PDF's
// own truth file by the shared scoring tool. The texts are made under out/ and never committed.
//   npm run copied [-- --corpus DIR] [--out DIR] [--verbose]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { corpusPaths, extractAll, scoreAll } from './lib/corpus-run.mjs';

const { corpus, out, score } = corpusPaths('copied-text', 'copied-text');
if (spawnSync('pdftotext', ['-v']).error) { console.error('copied-text: needs pdftotext (poppler-utils) on PATH'); process.exit(2); }

const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
// Scans have no text layer to copy.
const pdfs = walk(corpus).filter((f) => f.endsWith('.pdf') && !/scanned/.test(f) && fs.existsSync(`${f}.truth.json`));
fs.rmSync(out, { recursive: true, force: true });
const inputs = path.join(out, 'texts'), truths = path.join(out, 'truth'), results = path.join(out, 'run');
fs.mkdirSync(inputs, { recursive: true });
fs.mkdirSync(truths, { recursive: true });
for (const pdf of pdfs) {
  const base = path.basename(pdf, '.pdf');
  const truth = JSON.parse(fs.readFileSync(`${pdf}.truth.json`, 'utf8'));
  for (const [kind, flags] of [['layout', ['-layout']], ['raw', []]]) {
    const name = `${base}.${kind}.txt`;
    const r = spawnSync('pdftotext', [...flags, pdf, path.join(inputs, name)]);
    if (r.status !== 0) { console.error(`copied-text: pdftotext failed on ${pdf}`); process.exit(1); }
    fs.writeFileSync(path.join(truths, `${name}.truth.json`), JSON.stringify({ ...truth, file: name }));
  }
}
extractAll('copied-text', inputs, results);
console.log(`copied text of ${pdfs.length} PDFs (pdftotext -layout and plain pdftotext):`);
process.exit(scoreAll(score, truths, results));
