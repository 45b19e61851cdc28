/**
 * Quick starts: `xxgk extract one.txt` loads only what a text file needs. Every module the CLI
 * process and its extraction thread load is traced (a preload hook on the CommonJS loader; pdf.js
 * itself is only ever loaded by readers/pdf/pdfjs.js, so that module stands for it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../batch/folder';

const ROOT = path.resolve(__dirname, '..', '..');
const HEAVY = /node_modules\/(pdfjs-dist|sharp|onnxruntime-node|mammoth|cheerio|@napi-rs\/canvas|jszip|word-extractor|pg|pg-boss|hyparquet-writer)\/|dist\/(readers\/(pdf|word|html|image)|ocr)\//;

function loadedBy(input: string): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-quick-'));
  const trace = path.join(dir, 'loaded.txt');
  const hook = path.join(dir, 'hook.js');
  writeFileSync(hook, `const M = require('module'); const fs = require('fs'); const load = M._load;
M._load = function (req, parent) { try { fs.appendFileSync(${JSON.stringify(trace)}, M._resolveFilename(req, parent) + '\\n'); } catch {} return load.apply(this, arguments); };`);
  execFileSync(process.execPath, ['-r', hook, path.join(ROOT, 'bin', 'xxgk.js'), 'extract', input, '--out', path.join(dir, 'out'), '--quiet'], { encoding: 'utf8' });
  return [...new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean))];
}

beforeAll(() => ensureBuilt());

test('a .txt run loads no PDF, Word, HTML, image or OCR module; a PDF run does load the PDF reader', () => {
  const txt = loadedBy(path.join(ROOT, 'samples', 'pingdingshan-jiaoti-2023.txt'));
  expect(txt.some((f) => f.includes('dist/readers/text/index.js'))).toBe(true); // the trace sees the thread too
  expect(txt.filter((f) => HEAVY.test(f))).toEqual([]);
  const pdf = loadedBy(path.join(ROOT, 'tests', 'fixtures', 'pdf', 'landscape.chromium.pdf'));
  expect(pdf.some((f) => f.includes('dist/readers/pdf/pdfjs.js'))).toBe(true);
}, 60_000);
