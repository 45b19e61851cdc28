import type { Block, DocumentModel, ImageSource, Message, PageInfo, Policy, ReadFacts, ReadResult, Unreadable } from '../../model';
import { msg } from '../../model';
import { plain, type Reader, type ReaderInput } from '../types';
import { readPage, type Glyph, type PageContent } from './content';
import { isFurniture } from './furniture';
import { round2, type Box } from './geometry';
import { latticeTables, type GridTable } from './lattice';
import { joinLines, median, toLines, type Line } from './lines';
import { pageRaster, pictureRasters, type OpenPdf } from './page-images';
import { openDocument } from './pdfjs';
import { closeOpenEdges, mergeSegments } from './rulings';
import { stitch } from './stitch';
import { streamTables } from './stream';

type Item = { kind: 'text'; line: Line } | { kind: 'table'; grid: GridTable };

/** `height`: of the page as read (after turning sideways text upright). */
interface PageResult { info: PageInfo; items: Item[]; height: number; imageCover: number; badGlyphs: number; wrapPitch: number }

/**
 * PDF with a text layer: glyphs and rulings from the operator list, ruled tables as lattices,
 * unruled ones by alignment (stream), tables continued on the next page stitched together.
 * Scanned pages and large pictures on text pages are listed as image sources for the OCR stage;
 * the document stays open for them until the pipeline releases it.
 */
export class PdfReader implements Reader {
  async read(input: ReaderInput): Promise<ReadResult> {
    const messages: Message[] = [];
    const model: DocumentModel = { format: 'pdf', route: 'pdfjs', blocks: [], pages: [] };
    const policy = input.options.policy;
    let pdf: OpenPdf;
    try {
      pdf = await openDocument(input.buffer);
    } catch (e) {
      const err = e as Error;
      const unreadable: Unreadable = err?.name === 'PasswordException'
        ? { kind: 'encrypted', reason: 'the PDF is encrypted and cannot be opened without a password (an empty user password was tried)' }
        : { kind: 'corrupt', reason: `pdf.js cannot open the file: ${err?.message ?? e}` };
      messages.push(msg('error', unreadable.kind === 'encrypted' ? 'pdf-encrypted' : 'pdf-unreadable', unreadable.reason));
      return plain(model, messages, { unreadable });
    }
    const { doc } = pdf;
    let facts: ReadFacts = { images: [] };
    try {
      model.pageCount = doc.numPages;
      try {
        const meta = await doc.getMetadata();
        const title = meta.info?.Title;
        if (typeof title === 'string' && title.trim()) model.title = title.trim();
      } catch { /* metadata is optional */ }
      const pages: PageResult[] = [];
      const failed = new Set<number>();
      // The wrapped-line pitch of a stream table's header, for its continuation on the next page.
      let wrapPitch = Infinity;
      for (let p = 1; p <= doc.numPages; p++) {
        try {
          const r = await readOnePage(pdf, p, policy, wrapPitch);
          wrapPitch = r.wrapPitch;
          pages.push(r);
        } catch (e) {
          failed.add(p);
          messages.push(msg('warning', 'pdf-page-failed', `page ${p} could not be read: ${(e as Error).message}`, { where: { page: p } }));
          pages.push({ info: { page: p, width: 0, height: 0, textChars: 0 }, items: [], height: 0, imageCover: 0, badGlyphs: 0, wrapPitch });
        }
      }
      model.pages = pages.map((r) => r.info);
      stitchPages(pages, messages);
      for (const r of pages) {
        for (const it of r.items) {
          if (it.kind === 'text') model.blocks.push({ kind: 'text', text: it.line.text, page: r.info.page, bbox: round2(it.line) });
          else model.blocks.push({ kind: 'table', table: it.grid.table } as Block);
        }
      }
      // Pages that failed to read are reported as such, not as missing a text layer.
      facts = imageFacts(pages.filter((r) => !failed.has(r.info.page)), pdf, input.buffer, policy, messages);
    } finally {
      if (!facts.release) await doc.destroy().catch(() => undefined);
    }
    return { value: model, messages, facts };
  }
}

async function readOnePage({ doc, pdfjs }: OpenPdf, p: number, policy: Policy, carriedPitch: number): Promise<PageResult> {
  const page = await doc.getPage(p);
  const ol = await page.getOperatorList();
  const content = readPage(pdfjs, page, ol);
  page.cleanup();
  const info: PageInfo = { page: p, width: round(content.width), height: round(content.height), textChars: content.glyphs.length };
  if (content.rotation) info.rotation = content.rotation;
  if (content.glyphs.length < policy.scanMaxTextChars && content.imageCover >= policy.scanMinImageCover) info.imageOnly = true;
  if (content.imageCover > 0) info.imageCover = Math.round(content.imageCover * 1000) / 1000;
  const upright = uprightPage(content);
  const glyphs = new Set<Glyph>(upright.glyphs);
  const vs = mergeSegments(upright.verticals, false);
  const hs = closeOpenEdges(mergeSegments(upright.horizontals, true), vs);
  const grids = latticeTables(hs, vs, glyphs, p);
  const lines = joinHeadings(toLines([...glyphs]).filter((l) => !isFurniture(l, upright.height)));
  const { tables: streams, rest, wrapPitch } = streamTables(lines, p, carriedPitch);
  const items: Item[] = [
    ...grids.map((grid) => ({ kind: 'table' as const, grid })),
    ...streams.map((grid) => ({ kind: 'table' as const, grid })),
    ...rest.map((line) => ({ kind: 'text' as const, line })),
  ];
  items.sort((a, b) => top(a) - top(b));
  return { info, items, height: upright.height, imageCover: content.imageCover, badGlyphs: content.badGlyphs, wrapPitch };
}

/** Headings are set larger than body text; this much larger counts. */
const HEADING_SIZE = 1.15;

/** A title broken over two lines ("XX区人民政府" / "2024年…年度报告") is one heading: join
 * consecutive lines set in the same heading size that follow each other closely. */
function joinHeadings(lines: Line[]): Line[] {
  const body = median(lines.filter((l) => !l.vertical).map((l) => l.size));
  const out: Line[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev && !prev.vertical && !l.vertical && body && prev.size >= HEADING_SIZE * body && Math.abs(l.size - prev.size) <= 0.1 * prev.size
      && l.y0 - prev.y1 < prev.size && l.y0 > prev.y0) {
      out[out.length - 1] = { ...prev, glyphs: [...prev.glyphs, ...l.glyphs], text: joinLines([prev.text, l.text]), x0: Math.min(prev.x0, l.x0), x1: Math.max(prev.x1, l.x1), y1: Math.max(prev.y1, l.y1) };
    } else out.push(l);
  }
  return out;
}

const top = (it: Item) => (it.kind === 'text' ? it.line.y0 : it.grid.bbox.y0);
const round = (v: number) => Math.round(v * 100) / 100;

/** Glyphs set sideways on a page (a landscape table printed turned, without /Rotate) are turned
 * upright together with the rulings, so the page reads left to right. */
function uprightPage(c: PageContent): PageContent {
  const turns = [0, 0, 0, 0];
  for (const g of c.glyphs) if (!g.vertical) turns[g.turn]++;
  const main = turns.indexOf(Math.max(...turns));
  if (main === 0 || turns[main] < c.glyphs.length / 2) return c;
  const { width: W, height: H } = c;
  const rot = (x: number, y: number): [number, number] => (main === 1 ? [y, W - x] : main === 3 ? [H - y, x] : [W - x, H - y]);
  const box = <T extends Box>(b: T): T => {
    const [ax, ay] = rot(b.x0, b.y0);
    const [bx, by] = rot(b.x1, b.y1);
    return { ...b, x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
  };
  const segs = [...c.horizontals, ...c.verticals].map(box);
  return {
    ...c,
    width: main === 2 ? W : H, height: main === 2 ? H : W,
    glyphs: c.glyphs.map((g) => ({ ...box(g), turn: 0 })),
    horizontals: segs.filter((s) => s.y0 === s.y1),
    verticals: segs.filter((s) => s.x0 === s.x1),
  };
}

/** A table continues across a page break when it ends in the last (starts in the first) this share of its page. */
const PAGE_END_BAND = 0.4;

/** Join a table at the bottom of one page to a table at the top of the next. */
function stitchPages(pages: PageResult[], messages: Message[]): void {
  for (let i = 0; i + 1 < pages.length; i++) {
    const a = pages[i].items[pages[i].items.length - 1];
    const b = pages[i + 1].items[0];
    if (!a || !b || a.kind !== 'table' || b.kind !== 'table' || a.grid.table.method !== b.grid.table.method) continue;
    // Only a table running to the foot of its page continues at the head of the next.
    if (a.grid.bbox.y1 < (1 - PAGE_END_BAND) * pages[i].height || b.grid.bbox.y0 > PAGE_END_BAND * pages[i + 1].height) continue;
    if (stitch(a.grid, b.grid)) {
      // The joined table moves to the top of the next page, so a further continuation finds it.
      pages[i].items.pop();
      pages[i + 1].items[0] = a;
      messages.push(msg('info', 'pdf-table-stitched', `table from page ${a.grid.table.page} continues on page ${pages[i + 1].info.page}; parts joined`, { where: { page: pages[i + 1].info.page } }));
    }
  }
}

/**
 * What of the document only OCR can read: scanned pages (whose text layer is empty) and large
 * pictures on text pages (tables pasted as images). A document with no text anywhere and nothing
 * to OCR is unreadable.
 */
function imageFacts(pages: PageResult[], pdf: OpenPdf, buffer: Buffer, policy: Policy, messages: Message[]): ReadFacts {
  const textless = pages.filter((r) => r.info.textChars < policy.scanMaxTextChars);
  const scans = pages.filter((r) => r.info.imageOnly).map((r) => r.info.page);
  const pictured = pages.filter((r) => !r.info.imageOnly && r.info.textChars >= policy.scanMaxTextChars && r.imageCover >= policy.pictureMinPageShare).map((r) => r.info.page);
  if (pages.length && textless.length === pages.length && !scans.length) {
    const badGlyphs = pages.reduce((n, r) => n + r.badGlyphs, 0);
    const unreadable: Unreadable = badGlyphs
      ? { kind: 'unmapped-glyphs', reason: `no text layer: the fonts map all ${badGlyphs} glyphs to no readable text; the report needs OCR of rendered pages` }
      : { kind: 'empty', reason: `the PDF has neither text nor images on its ${pages.length} page(s)` };
    messages.push(msg('error', badGlyphs ? 'pdf-unmapped-glyphs' : 'pdf-no-text', unreadable.reason));
    return { unreadable, images: [] };
  }
  if (scans.length) messages.push(msg('info', 'pdf-scanned-pages', `${scans.length === pages.length ? 'every page is' : `pages ${scans.join(', ')} are`} an image without text (a scan)`));
  if (pictured.length) messages.push(msg('info', 'pdf-pictures', `pages ${pictured.join(', ')} carry large images (tables pasted as pictures?)`));
  if (!scans.length && !pictured.length) return { images: [] };
  const timeout = policy.ocrPageSeconds;
  const images: ImageSource[] = [];
  for (const r of pages) {
    const p = r.info.page;
    if (scans.includes(p)) {
      images.push({ kind: 'page', name: `page ${p}`, page: p, load: async () => {
        const got = await pageRaster(pdf, buffer, p, timeout, policy.pageImageCover);
        if (!got.raster || !got.dpi) throw new Error(got.problem ?? `page ${p}: no raster`);
        return [{ kind: 'raster', raster: got.raster, dpi: got.dpi, width: got.width, height: got.height, origin: got.origin, textChars: r.info.textChars, ...(got.rendered ? { rendered: got.rendered } : {}) }];
      } });
    } else if (pictured.includes(p)) {
      images.push({ kind: 'picture', name: `pictures on page ${p}`, page: p, load: async () =>
        (await pictureRasters(pdf, p, policy.pictureMinPageShare)).map((pic) => {
          // Pasted pictures are often screen resolution: enlarged like any picture for OCR.
          // The image reader (and sharp behind it) loads only when a picture is actually loaded for OCR.
          const { raster, dpi } = (require('../image') as typeof import('../image')).workingRaster(pic.raster, pic.dpi);
          return { kind: 'raster' as const, raster, dpi, width: r.info.width || pic.width, height: r.info.height || pic.height, origin: pic.origin };
        }) });
    }
  }
  return { images, release: () => pdf.doc.destroy().catch(() => undefined) };
}
