import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { expandSpans, type RawCell } from '../../src/readers/html/grid';

/** Renditions are cached by content hash under this folder (not committed: out/ is ignored). */
export const CACHE = path.join(projectRoot(__dirname), 'out', 'variation');

/** The folder holding package.json: this file runs from tests/ under jest and from out/ when compiled. */
function projectRoot(from: string): string {
  for (let d = from; d !== path.dirname(d); d = path.dirname(d)) if (fs.existsSync(path.join(d, 'package.json'))) return d;
  return process.cwd();
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
export const tools = { chromium: has('chromium'), soffice: has('soffice'), pdftotext: has('pdftotext') };

const hash = (s: string | Buffer) => createHash('sha1').update(s).digest('hex').slice(0, 16);

function cached(key: string, ext: string, make: (out: string) => void): string {
  fs.mkdirSync(CACHE, { recursive: true });
  const out = path.join(CACHE, `${key}.${ext}`);
  if (!fs.existsSync(out)) {
    const tmp = `${out}.tmp-${process.pid}`;
    make(tmp);
    fs.renameSync(tmp, out);
  }
  return out;
}

/** Chromium print-to-PDF, as a browser user does "Save as PDF" (no header/footer lines). */
export function chromiumPdf(html: string): string {
  return cached(`cr-${hash(html)}`, 'pdf', (out) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-var-'));
    try {
      const src = path.join(dir, 'page.html');
      fs.writeFileSync(src, html);
      execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer',
        `--print-to-pdf=${out}`, `file://${src}`], { stdio: 'ignore', timeout: 60000 });
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
}

/**
 * HTML → .docx → PDF with LibreOffice (the "HTML (StarWriter)" filter keeps rowspan/colspan as real
 * merges). Several documents go through one soffice run: start-up is most of the cost.
 */
export function libreOfficePdfs(htmls: string[]): { docx: string; pdf: string }[] {
  const keys = htmls.map((h) => `lo-${hash(h)}`);
  const todo = htmls.map((h, i) => ({ h, k: keys[i] })).filter(({ k }) => !fs.existsSync(path.join(CACHE, `${k}.pdf`)));
  if (todo.length) {
    fs.mkdirSync(CACHE, { recursive: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-var-lo-'));
    try {
      const srcs = todo.map(({ h, k }) => { const f = path.join(dir, `${k}.html`); fs.writeFileSync(f, h); return f; });
      const lo = (...args: string[]) => execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', ...args],
        { stdio: 'ignore', timeout: 180000 });
      lo('--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, ...srcs);
      lo('--convert-to', 'pdf', '--outdir', dir, ...todo.map(({ k }) => path.join(dir, `${k}.docx`)));
      for (const { k } of todo) for (const ext of ['docx', 'pdf']) fs.copyFileSync(path.join(dir, `${k}.${ext}`), path.join(CACHE, `${k}.${ext}`));
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }
  return keys.map((k) => ({ docx: path.join(CACHE, `${k}.docx`), pdf: path.join(CACHE, `${k}.pdf`) }));
}

/** Text copied out of a PDF: `pdftotext -layout` (space-aligned) or plain `pdftotext` (reading order). */
export function pdfText(pdf: string, layout: boolean): string {
  const out = cached(`${path.basename(pdf, '.pdf')}.${layout ? 'layout' : 'raw'}`, 'txt', (o) => {
    execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', pdf, o], { stdio: 'ignore', timeout: 60000 });
  });
  return out;
}

export type MarkdownMode = 'repeated' | 'collapsed';

/**
 * What PDF-to-markdown converters make of the report: headings as `#`, paragraphs as lines, tables
 * as pipe tables. Merged cells either repeat their text in every slot (`repeated`) or the header
 * rows of a table collapse into one row (`collapsed`); in `collapsed`, table 四's header rows become
 * one line of words before a row of its 15 numbers.
 */
export function markdown(html: string, mode: MarkdownMode): string {
  const $ = cheerio.load(html);
  const out: string[] = [];
  let tableNo = 0;
  $('body').children().each((_i, el) => {
    const tag = (el as { tagName?: string }).tagName ?? '';
    const $el = $(el);
    if (/^h[1-6]$/.test(tag)) { out.push(`${'#'.repeat(Number(tag[1]))} ${$el.text().trim()}`, ''); return; }
    if (tag !== 'table') { const t = $el.text().trim(); if (t) out.push(t, ''); return; }
    const raw: RawCell[][] = $el.find('tr').toArray().map((tr) => $(tr).children('td,th').toArray().map((td) => ({
      text: $(td).text().trim(), rowSpan: Number($(td).attr('rowspan') ?? 1), colSpan: Number($(td).attr('colspan') ?? 1),
    })));
    const grid = expandSpans(raw, 'md').rows.map((r) => r.map((c) => c?.text ?? ''));
    const headerRows = tableNo++ === 0 ? 0 : 3;
    const pipe = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const sep = (n: number) => `|${' --- |'.repeat(n)}`;
    let rows = grid;
    if (mode === 'collapsed' && headerRows) {
      const head = grid[0].map((_c, k) => [...new Set(grid.slice(0, headerRows).map((r) => r[k]).filter(Boolean))].join(' '));
      if (tableNo === 3) {
        // Table 四: the header flattened into one line of words, then its numbers as a table row.
        out.push([...new Set(grid.slice(0, headerRows).flat().filter(Boolean))].join(' '), '');
        out.push(pipe(grid[headerRows]), sep(grid[headerRows].length), '');
        return;
      }
      rows = [head, ...grid.slice(headerRows)];
    }
    out.push(pipe(rows[0]), sep(rows[0].length), ...rows.slice(1).map(pipe), '');
  });
  return out.join('\n');
}
