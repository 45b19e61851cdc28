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
  const { readScannedPdf } = require(path.join(root, 'dist/readers/pdf/scanned.js'));
  const { ImageReader } = require(path.join(root, 'dist/readers/image/index.js'));
  const { buildRecord } = require(path.join(root, 'dist/pipeline/extract.js'));
  const st = ocrStatus();
  if (!st.ok) return [`skipped: ${st.reason}`];
  const lines = [];
  const inputs = [
    { file: path.join(corpus, 'seed', 'pingdingshan-jiaoti-2023.scanned-clean.pdf'), kind: 'pdf' },
    { file: path.join(corpus, 'seed', 'pingdingshan-jiaoti-2023.scanned.pdf'), kind: 'pdf' },
    { file: path.join(root, 'tests', 'fixtures', 'ocr', 'table3-screenshot.png'), kind: 'png', truth: path.join(corpus, 'seed', 'pingdingshan-jiaoti-2023.html.truth.json'), only: 't3.' },
  ];
  lines.push('| input | pages | OCR s/page (each) | mean s/page | wall s | wall s/page | cells right |', '| --- | --- | --- | --- | --- | --- | --- |');
  let pdfWall = 0, pdfPages = 0;
  for (const inp of inputs) {
    if (!fs.existsSync(inp.file)) { lines.push(`| ${path.basename(inp.file)} | missing | | | | | |`); continue; }
    const buf = fs.readFileSync(inp.file);
    const t0 = process.hrtime.bigint();
    const read = inp.kind === 'pdf'
      ? await readScannedPdf(buf, {})
      : await new ImageReader().read({ buffer: buf, name: inp.file, sniffed: 'image', detail: 'png', options: {} });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const secs = (read.value.pages ?? []).map((p) => p.ocrSeconds ?? 0);
    if (inp.kind === 'pdf') { pdfWall += wall; pdfPages += secs.length; }
    const rec = buildRecord(read.value, read.messages, inp.file, buf);
    const truthFile = inp.truth ?? `${inp.file}.truth.json`;
    let score = '-';
    if (fs.existsSync(truthFile)) {
      const truth = Object.entries(JSON.parse(fs.readFileSync(truthFile, 'utf8')).cells).filter(([c]) => !inp.only || c.startsWith(inp.only));
      const right = truth.filter(([c, v]) => rec.cells[c] && rec.cells[c].value === v).length;
      score = `${right}/${truth.length}`;
    }
    const mean = secs.reduce((s, x) => s + x, 0) / Math.max(1, secs.length);
    lines.push(`| ${path.basename(inp.file)} | ${secs.length} | ${secs.map((s) => s.toFixed(1)).join(', ')} | ${mean.toFixed(2)} | ${wall.toFixed(1)} | ${(wall / Math.max(1, secs.length)).toFixed(2)} | ${score} |`);
  }
  if (pdfPages) lines.push('', `scanned seed PDFs in one run: ${pdfPages} pages, ${pdfWall.toFixed(1)} s wall, **${(pdfWall / pdfPages).toFixed(2)} s/page** (target ≤ 2.0)`);
  return lines;
}
