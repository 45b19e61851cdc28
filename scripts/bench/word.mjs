// Word routes: seconds per file and cells right for the seed .docx and .doc on each route.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const title = 'Word documents: seconds per file and cells right, per route';

export async function run({ root, corpus }) {
  const require = createRequire(import.meta.url);
  const { extract } = require(path.join(root, 'dist', 'pipeline', 'extract.js'));
  const seed = path.join(corpus, 'seed');
  const cases = [
    ['pingdingshan-jiaoti-2023.docx', {}],
    ['pingdingshan-jiaoti-2023.doc', {}],
    ['pingdingshan-jiaoti-2023.doc', { noLibreOffice: true }],
  ];
  const lines = ['| file | route | seconds | cells right | spurious | status |', '|---|---|---|---|---|---|'];
  for (const [file, options] of cases) {
    const truth = JSON.parse(fs.readFileSync(path.join(seed, `${file}.truth.json`), 'utf8'));
    const t0 = process.hrtime.bigint();
    const rec = await extract(path.join(seed, file), options);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const codes = Object.keys(truth.cells);
    const right = codes.filter((c) => rec.cells[c] && rec.cells[c].value === truth.cells[c]).length;
    const spurious = Object.keys(rec.cells).filter((c) => !(c in truth.cells) && rec.cells[c].value !== null).length;
    lines.push(`| ${file} | ${rec.source.route} | ${secs.toFixed(2)} | ${right}/${codes.length} | ${spurious} | ${rec.status} |`);
  }
  return lines;
}
