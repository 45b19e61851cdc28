import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Block, DocumentModel, Message, ReadResult } from '../../model';
import { msg } from '../../model';
import { decodeText } from '../decode';
import { pictureSource, type PlacedPicture } from '../pictures';
import { plain, type Reader, type ReaderInput } from '../types';
import { expandSpans, type RawCell } from './grid';

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer',
  'blockquote', 'pre', 'center', 'tr', 'dd', 'dt', 'dl', 'form', 'main', 'aside', 'nav', 'figure', 'figcaption', 'caption', 'hr', 'address']);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'select', 'button', 'input', 'textarea']);

/** The charset a page declares in its first bytes (<meta charset> or http-equiv Content-Type). */
export function declaredCharset(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 4096).toString('latin1');
  return head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i)?.[1];
}

/**
 * HTML pages: tables become grids (rowspan/colspan expanded), everything else text blocks in
 * document order. Report bodies that sites embed in <script> strings are parsed too.
 */
export class HtmlReader implements Reader {
  async read(input: ReaderInput): Promise<ReadResult> {
    const { text, encoding } = decodeText(input.buffer, declaredCharset(input.buffer));
    const messages: Message[] = [];
    if (encoding !== 'utf-8') messages.push(msg('info', 'html-encoding', `decoded as ${encoding}`));
    const { doc, pictures } = parseHtml(text, messages);
    for (const p of pictures) if (!p.data) p.path = besideFile(input.name, p.name);
    return plain(doc, messages, { images: pictures.map(pictureSource) });
  }
}

/** The page as blocks, and the pictures it shows with where they sit. */
export function parseHtml(html: string, messages: Message[] = [], format = 'html'): { doc: DocumentModel; pictures: PlacedPicture[] } {
  const $ = cheerio.load(html);
  inlineScriptBodies($, messages);
  const title = $('title').first().text().trim() || undefined;
  const blocks: Block[] = [];
  let buf = '';
  const flush = () => {
    for (const line of buf.split('\n')) {
      const t = line.replace(/[ \t\u00a0\u3000]+/g, ' ').trim();
      if (t) blocks.push({ kind: 'text', text: t });
    }
    buf = '';
  };
  let images = 0;
  const placements: PlacedPicture[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === 'text') { buf += (node as unknown as { data: string }).data.replace(/\s*\n\s*/g, ' '); return; }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const el = node as Element;
    const tag = el.name?.toLowerCase();
    if (tag && SKIP_TAGS.has(tag)) return;
    if (tag === 'br') { buf += '\n'; return; }
    if (tag === 'img') {
      images++;
      const src = $(el).attr('src')?.trim();
      if (src) { flush(); placements.push({ at: blocks.length, name: src }); }
      return;
    }
    if (tag === 'table') {
      if ($(el).find('table').length) { flush(); for (const c of el.children) walk(c); flush(); return; }
      flush();
      const table = tableGrid($, el);
      if (table.rows.length) blocks.push({ kind: 'table', table });
      return;
    }
    const isBlock = tag ? BLOCK_TAGS.has(tag) : false;
    if (isBlock) { flush(); }
    for (const c of el.children ?? []) walk(c);
    if (isBlock) flush();
  };
  walk($.root()[0] as AnyNode);
  flush();
  if (images) messages.push(msg('info', 'html-images', `${images} images on the page`));
  for (const p of placements) {
    const data = p.name.match(/^data:image\/[\w.+-]+;base64,(.*)$/s);
    if (data) { p.data = Buffer.from(data[1], 'base64'); p.name = 'data: URI'; }
  }
  return { doc: { format, title, blocks }, pictures: placements };
}

/** Text of a cell: block children and <br> become line breaks, runs of spaces collapse. */
function cellText($: cheerio.CheerioAPI, el: Element): string {
  let out = '';
  const walk = (n: AnyNode) => {
    if (n.type === 'text') { out += (n as unknown as { data: string }).data; return; }
    if (n.type !== 'tag') return;
    const e = n as Element;
    if (SKIP_TAGS.has(e.name)) return;
    if (e.name === 'br') { out += '\n'; return; }
    const block = BLOCK_TAGS.has(e.name);
    if (block && out && !out.endsWith('\n')) out += '\n';
    for (const c of e.children) walk(c);
    if (block) out += '\n';
  };
  for (const c of el.children) walk(c);
  return out.split('\n').map((l) => l.replace(/[\s\u00a0\u3000]+/g, ' ').trim()).filter(Boolean).join('\n');
}

function tableGrid($: cheerio.CheerioAPI, table: Element) {
  const rows: RawCell[][] = [];
  $(table).find('tr').each((_, tr) => {
    if ($(tr).closest('table')[0] !== table) return;
    const cells: RawCell[] = [];
    $(tr).children('td,th').each((__, td) => {
      cells.push({
        text: cellText($, td as Element),
        rowSpan: Number($(td).attr('rowspan')) || 1,
        colSpan: Number($(td).attr('colspan')) || 1,
      });
    });
    rows.push(cells);
  });
  return expandSpans(rows, 'html');
}

/**
 * Some sites ship the article as a string inside a <script> (document.write, JSON payloads).
 * Parse string literals that carry table markup or report text and put them where the script was.
 */
function inlineScriptBodies($: cheerio.CheerioAPI, messages: Message[]): void {
  $('script').each((_, el) => {
    const code = $(el).text();
    if (!/<\s*table|\\u003c\s*table|政府信息公开|\\u653f\\u5e9c/i.test(code)) return;
    const literals = code.match(/(["'`])(?:\\[\s\S]|(?!\1)[^\\])*\1/g) ?? [];
    const bodies = literals.map(unescapeJs).filter((s) => s.length > 40 && (/<\s*(table|p|div|tr|td)\b/i.test(s) || /政府信息公开/.test(s)));
    if (!bodies.length) return;
    $(el).replaceWith(`<div data-xxgk-from-script="1">${bodies.join('\n')}</div>`);
    messages.push(msg('info', 'html-script-body', 'report content found inside a <script> string and parsed'));
  });
}

function unescapeJs(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_m, e: string) => {
    if (e[0] === 'u' && e[1] === '{') return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e[0] === 'u' && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

/** A saved page's image as a file next to it ("report_files/image001.png"), or undefined for
 * remote or missing ones: nothing is ever fetched. */
function besideFile(page: string, src: string): string | undefined {
  if (/^[a-z][\w+.-]*:/i.test(src) || src.startsWith('//')) return undefined;
  let rel: string;
  try { rel = decodeURIComponent(src.split(/[?#]/)[0]); } catch { return undefined; }
  const file = path.resolve(path.dirname(page), rel);
  try { return fs.statSync(file).isFile() ? file : undefined; } catch { return undefined; }
}
