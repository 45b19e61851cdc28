// OCR seconds per page (PP-OCR through onnxruntime-node) on the two scanned seed PDFs, read in one
// run (model load included, as a CLI run pays it), and the table screenshot fixture, with the
// cells-right share against the truth files. `npm run bench ocr` runs this section alone.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const title = `OCR: seconds per page (PP-OCRv4 via onnxruntime-node, ${process.env.XXGK_OCR_THREADS || 2} threads)`;

export async function run({ root, corpus }) {
  const require = createRequire(import.meta.url);
  const { ocrStatus } = require(path.join(root, 'dist/ocr/document.js'));
  const { extract } = require(path.join(root, 'dist/pipeline/extract.js'));
  const st = ocrStatus();
  if (!st.ok) return [`skipped: ${st.reason}`];
  const lines = [];
  const inputs = [
    { file: path.join(corpus, 'seed', 'pingdingshan-jiaoti-2023.scanned-clean.pdf'), kind: 'pdf' },
    { file: path.join(corpus, 'seed', 'pingdingshan-jiaoti-2023.scanned.pdf'), kind: 'pdf' },
    { file: path.join(root, 'tests', 'fixtures', 'ocr', 'table3-screenshot.png'), kind: 'png', truth: path.join(corpus, 'seed', 'pingdingshan-jiaoti-2023.html.truth.json'), only: 't3.' },
  ];
  lines.push('| input | pages | OCR s | OCR s/page | wall s | wall s/page | cells right |', '| --- | --- | --- | --- | --- | --- | --- |');
  let pdfWall = 0, pdfPages = 0;
  for (const inp of inputs) {
    if (!fs.existsSync(inp.file)) { lines.push(`| ${path.basename(inp.file)} | missing | | | | | |`); continue; }
    const buf = fs.readFileSync(inp.file);
    const t0 = process.hrtime.bigint();
    const rec = await extract(buf, { name: inp.file });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const pages = rec.report.pageCount ?? 1;
    if (inp.kind === 'pdf') { pdfWall += wall; pdfPages += pages; }
    const truthFile = inp.truth ?? `${inp.file}.truth.json`;
    let score = '-';
    if (fs.existsSync(truthFile)) {
      const truth = Object.entries(JSON.parse(fs.readFileSync(truthFile, 'utf8')).cells).filter(([c]) => !inp.only || c.startsWith(inp.only));
      const right = truth.filter(([c, v]) => rec.cells[c] && rec.cells[c].value === v).length;
      score = `${right}/${truth.length}`;
    }
    const ocr = rec.timing?.ocrSeconds ?? 0;
    lines.push(`| ${path.basename(inp.file)} | ${pages} | ${ocr.toFixed(1)} | ${(ocr / pages).toFixed(2)} | ${wall.toFixed(1)} | ${(wall / pages).toFixed(2)} | ${score} |`);
  }
  if (pdfPages) lines.push('', `scanned seed PDFs in one run: ${pdfPages} pages, ${pdfWall.toFixed(1)} s wall, **${(pdfWall / pdfPages).toFixed(2)} s/page** (target ≤ 2.0)`);
  return lines;
}
