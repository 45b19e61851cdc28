import { apply, boxOf, IDENTITY, mul, type Box, type Matrix } from './geometry';
import type { PdfjsFont, PdfjsGlyph, PdfjsModule, PdfjsOperatorList, PdfjsPage } from './pdfjs';

/**
 * One pass over a page's operator list yields every glyph and every ruling, both in the same
 * top-left viewport space (the viewport transform is the initial CTM, so /Rotate is applied too).
 * We read text from the operator list rather than getTextContent: it keeps per-glyph positions
 * (needed to split runs that cross cell borders) and pdf.js's text content drops the tail of
 * vertical (Identity-V) runs after a large advance.
 */

export interface Glyph {
  ch: string;
  x0: number; y0: number; x1: number; y1: number;
  /** Font size in page units. */
  size: number;
  /** Set for vertical-writing fonts (Identity-V): glyphs stack top to bottom. */
  vertical: boolean;
  /** Baseline direction in page space, in quarter turns (0 = left-to-right, 1 = top-to-bottom ...). */
  turn: number;
  /** A space character was shown right before this glyph (word spaces narrower than our gap test). */
  spaceBefore?: boolean;
}

/** An axis-aligned ruling: horizontal when y0 === y1, vertical when x0 === x1. */
export interface Segment { x0: number; y0: number; x1: number; y1: number }

export interface PageContent {
  width: number;
  height: number;
  rotation: number;
  glyphs: Glyph[];
  horizontals: Segment[];
  verticals: Segment[];
  /** Share of the page area painted by images (0..1, overlaps counted twice, capped at 1). */
  imageCover: number;
  /** Glyphs whose text is unusable (no Unicode mapping, private use area). */
  badGlyphs: number;
}

/** A filled rectangle at most this thick (points) is a drawn line (Chromium/WPS borders). */
const THIN_RECT = 3;
/** Within this (points) a segment counts as horizontal/vertical. */
const AXIS_TOLERANCE = 0.8;
/** A ruling this close (points) outside a clipping box is its edge, not clipped away. */
const CLIP_SLACK = 1;
/** Shortest piece kept as a ruling (points): shorter ones are glyph parts, bullets, dots. */
const MIN_SEGMENT = 1.5;

interface State {
  ctm: Matrix;
  font: PdfjsFont | null;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  textMatrix: Matrix;
  x: number; y: number; lineX: number; lineY: number;
  fill: string;
  stroke: string;
  lineWidth: number;
  /** Clipping box in page space (axis-aligned hull of the clip paths), or null for none. */
  clip: Box | null;
}

const WHITE = /^#f[a-f0-9]f[a-f0-9]f[a-f0-9]$/i;

/** A shallow copy for save/restore (matrices are replaced, never edited). Spelled out: a spread
 * copy of this object per `q` operator was the reader's largest single cost on busy pages. */
function copyState(s: State): State {
  return {
    ctm: s.ctm, font: s.font, fontSize: s.fontSize, fontDirection: s.fontDirection, charSpacing: s.charSpacing,
    wordSpacing: s.wordSpacing, hScale: s.hScale, leading: s.leading, rise: s.rise, textMatrix: s.textMatrix,
    x: s.x, y: s.y, lineX: s.lineX, lineY: s.lineY, fill: s.fill, stroke: s.stroke, lineWidth: s.lineWidth, clip: s.clip,
  };
}

const TEXT = 0, SPACE = 1, BAD = 2;
/** Glyph strings repeat endlessly: their kind is looked up, not matched, per glyph. */
const kinds = new Map<string, number>();
const KINDS_LIMIT = 20_000;
function charKind(ch: string): number {
  let k = kinds.get(ch);
  if (k === undefined) {
    // Not `isSpace`: that flags byte 32, which subset fonts (Chromium's Type 3) map to any character.
    k = /^\s*$/.test(ch) && ch !== '' ? SPACE : !ch || /^[\u0000-\u001f\ue000-\uf8ff\ufffd]+$/.test(ch) ? BAD : TEXT;
    if (kinds.size >= KINDS_LIMIT) kinds.clear();
    kinds.set(ch, k);
  }
  return k;
}

export function readPage(pdfjs: PdfjsModule, page: PdfjsPage, ol: PdfjsOperatorList): PageContent {
  const OPS = pdfjs.OPS;
  const vp = page.getViewport({ scale: 1 });
  const glyphs: Glyph[] = [];
  const horizontals: Segment[] = [];
  const verticals: Segment[] = [];
  let imageArea = 0;
  let pendingSpace = false;
  let badGlyphs = 0;
  const fonts = new Map<string, PdfjsFont | null>();
  const fontOf = (id: string): PdfjsFont | null => {
    if (!fonts.has(id)) {
      let f: PdfjsFont | null = null;
      try { f = (page.commonObjs.has(id) ? page.commonObjs.get(id) : page.objs.has(id) ? page.objs.get(id) : null) as PdfjsFont | null; } catch { f = null; }
      // pdf.js decodes these from a binary record on every access: read them once per font.
      fonts.set(id, f && { fontMatrix: f.fontMatrix, vertical: f.vertical, defaultVMetrics: f.defaultVMetrics, name: f.name });
    }
    return fonts.get(id)!;
  };
  let s: State = {
    ctm: vp.transform.slice(0, 6) as Matrix, font: null, fontSize: 0, fontDirection: 1, charSpacing: 0, wordSpacing: 0, hScale: 1,
    leading: 0, rise: 0, textMatrix: IDENTITY, x: 0, y: 0, lineX: 0, lineY: 0, fill: '#000000', stroke: '#000000', lineWidth: 1, clip: null,
  };
  const stack: State[] = [];
  const moveText = (x: number, y: number) => { s.x = s.lineX += x; s.y = s.lineY += y; };

  // Lines drawn longer than a cell and clipped to it (some producers draw grids so): only the
  // part inside the clip is a ruling.
  const addSegment = (ax: number, ay: number, bx: number, by: number) => {
    const c = s.clip;
    if (Math.abs(ay - by) <= AXIS_TOLERANCE && Math.abs(ax - bx) >= MIN_SEGMENT) {
      const y = (ay + by) / 2;
      let x0 = Math.min(ax, bx), x1 = Math.max(ax, bx);
      if (c) {
        if (y < c.y0 - CLIP_SLACK || y > c.y1 + CLIP_SLACK) return;
        x0 = Math.max(x0, c.x0); x1 = Math.min(x1, c.x1);
        if (x1 - x0 < MIN_SEGMENT) return;
      }
      horizontals.push({ x0, x1, y0: y, y1: y });
    } else if (Math.abs(ax - bx) <= AXIS_TOLERANCE && Math.abs(ay - by) >= MIN_SEGMENT) {
      const x = (ax + bx) / 2;
      let y0 = Math.min(ay, by), y1 = Math.max(ay, by);
      if (c) {
        if (x < c.x0 - CLIP_SLACK || x > c.x1 + CLIP_SLACK) return;
        y0 = Math.max(y0, c.y0); y1 = Math.min(y1, c.y1);
        if (y1 - y0 < MIN_SEGMENT) return;
      }
      verticals.push({ x0: x, x1: x, y0, y1 });
    }
  };
  /** A clip path was set (W/W*): the next path narrows the clipping box. */
  let pendingClip = false;
  const clipTo = (path: ArrayLike<number>) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < path.length;) {
      const op = path[i++];
      const n = op === 0 || op === 1 ? 2 : op === 2 ? 6 : op === 3 ? 4 : op === 4 ? 0 : -1;
      if (n < 0) return;
      for (let k = 0; k < n; k += 2) {
        const [x, y] = apply(s.ctm, path[i + k], path[i + k + 1]);
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
      i += n;
    }
    if (x0 > x1) return;
    const c = s.clip;
    s.clip = c ? { x0: Math.max(c.x0, x0), y0: Math.max(c.y0, y0), x1: Math.min(c.x1, x1), y1: Math.min(c.y1, y1) } : { x0, y0, x1, y1 };
  };

  const showText = (items: (PdfjsGlyph | number | null)[]) => {
    const font = s.font;
    if (!font) return;
    const fm = font.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0];
    const fs = s.fontSize;
    const vertical = !!font.vertical;
    const widthScale = fs * fm[0];
    const m = mul(s.ctm, s.textMatrix);
    // Text space → page: the size of one text-space unit along the baseline and across it.
    const [ox, oy] = apply(m, 0, 0);
    const [bx, by] = apply(m, 1, 0);
    const [ux, uy] = apply(m, 0, 1);
    const size = Math.abs(fs) * Math.hypot(ux - ox, uy - oy);
    const dx = bx - ox, dy = by - oy;
    const turn = Math.abs(dx) >= Math.abs(dy) ? (dx >= 0 ? 0 : 2) : (dy >= 0 ? 1 : 3);
    let adv = 0;
    pendingSpace = false;
    const spacingDir = vertical ? 1 : -1;
    for (const g of items) {
      if (g === null || g === undefined) continue;
      if (typeof g === 'number') { adv += (spacingDir * g * fs) / 1000; continue; }
      const spacing = (g.isSpace ? s.wordSpacing : 0) + s.charSpacing;
      if (vertical) {
        const vm = g.vmetric ?? font.defaultVMetrics;
        const w = vm ? -vm[0] : g.width;
        const charAdv = w * widthScale - spacing * s.fontDirection;
        const top = s.y - adv;
        emit(g, m, s.x - fs / 2, top - Math.max(charAdv, fs * 0.5), s.x + fs / 2, top, size, true, turn);
        adv += charAdv;
      } else {
        const charAdv = g.width * widthScale + spacing * s.fontDirection;
        const x0 = s.x + adv * s.hScale;
        const w = Math.max(g.width * widthScale, 0) * s.hScale;
        emit(g, m, x0, s.y + s.rise - 0.12 * fs, x0 + w, s.y + s.rise + 0.88 * fs, size, false, turn);
        adv += charAdv;
      }
    }
    if (vertical) s.y -= adv; else s.x += adv * s.hScale;
  };

  const emit = (g: PdfjsGlyph, m: Matrix, x0: number, y0: number, x1: number, y1: number, size: number, vertical: boolean, turn: number) => {
    const ch = g.unicode ?? '';
    const kind = charKind(ch);
    if (kind === SPACE) { pendingSpace = true; return; }
    if (kind === BAD) { badGlyphs++; return; }
    const b = boxOf(m, x0, y0, x1, y1);
    glyphs.push(pendingSpace
      ? { ch, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, size, vertical, turn, spaceBefore: true }
      : { ch, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, size, vertical, turn });
    pendingSpace = false;
  };

  const paintPath = (paintOp: number, path: ArrayLike<number> | null) => {
    if (!path) return;
    const isStroke = paintOp === OPS.stroke || paintOp === OPS.closeStroke || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke
      || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
    const isFill = paintOp === OPS.fill || paintOp === OPS.eoFill || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke
      || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
    if (!isStroke && !isFill) return; // clipping paths and endPath paint nothing
    const strokeOn = isStroke && !WHITE.test(s.stroke);
    const fillOn = isFill && !WHITE.test(s.fill);
    if (!strokeOn && !fillOn) return;
    // Subpaths as lists of device points.
    const subpaths: [number, number][][] = [];
    let cur: [number, number][] = [];
    let closed = false;
    const finish = () => { if (cur.length) subpaths.push(closed ? [...cur, cur[0]] : cur); cur = []; closed = false; };
    for (let i = 0; i < path.length;) {
      const op = path[i++];
      if (op === 0) { finish(); cur.push(apply(s.ctm, path[i], path[i + 1])); i += 2; }
      else if (op === 1) { cur.push(apply(s.ctm, path[i], path[i + 1])); i += 2; }
      else if (op === 2) { cur.push(apply(s.ctm, path[i + 4], path[i + 5])); i += 6; }
      else if (op === 3) { cur.push(apply(s.ctm, path[i + 2], path[i + 3])); i += 4; }
      else if (op === 4) { closed = true; }
      else break;
    }
    finish();
    for (const sp of subpaths) {
      if (strokeOn) for (let k = 1; k < sp.length; k++) addSegment(sp[k - 1][0], sp[k - 1][1], sp[k][0], sp[k][1]);
      if (fillOn && !strokeOn) {
        const xs = sp.map((p) => p[0]);
        const ys = sp.map((p) => p[1]);
        const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
        const rectangular = sp.every(([x, y]) => (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) && (Math.abs(y - y0) < 0.5 || Math.abs(y - y1) < 0.5));
        if (!rectangular) continue;
        const w = x1 - x0, h = y1 - y0;
        if (h <= THIN_RECT && w > h) addSegment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
        else if (w <= THIN_RECT && h > w) addSegment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
      }
    }
  };

  const { fnArray, argsArray } = ol;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as any[];
    switch (fn) {
      case OPS.save: stack.push(copyState(s)); break;
      case OPS.restore: if (stack.length) s = stack.pop()!; break;
      case OPS.transform: s.ctm = mul(s.ctm, args as number[]); break;
      case OPS.paintFormXObjectBegin:
        stack.push(copyState(s));
        if (args?.[0]) s.ctm = mul(s.ctm, args[0] as number[]);
        break;
      case OPS.paintFormXObjectEnd: if (stack.length) s = stack.pop()!; break;
      case OPS.setLineWidth: s.lineWidth = args[0]; break;
      case OPS.setFillRGBColor: if (typeof args[0] === 'string') s.fill = args[0]; break;
      case OPS.setStrokeRGBColor: if (typeof args[0] === 'string') s.stroke = args[0]; break;
      case OPS.clip: case OPS.eoClip: pendingClip = true; break;
      case OPS.constructPath: {
        const path = (args[1] as ArrayLike<number>[] | null)?.[0] ?? null;
        if (pendingClip && path) clipTo(path);
        pendingClip = false;
        paintPath(args[0], path);
        break;
      }
      case OPS.beginText: s.textMatrix = IDENTITY; s.x = s.y = s.lineX = s.lineY = 0; break;
      case OPS.setFont: {
        s.font = fontOf(args[0]);
        let size = args[1] as number;
        s.fontDirection = size < 0 ? -1 : 1;
        s.fontSize = Math.abs(size);
        break;
      }
      case OPS.setTextMatrix: {
        const m = (args.length === 1 ? args[0] : args) as ArrayLike<number>;
        s.textMatrix = [m[0], m[1], m[2], m[3], m[4], m[5]];
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      }
      case OPS.moveText: moveText(args[0], args[1]); break;
      case OPS.setLeadingMoveText: s.leading = args[1]; moveText(args[0], args[1]); break;
      case OPS.setLeading: s.leading = -args[0]; break;
      case OPS.nextLine: moveText(0, s.leading); break;
      case OPS.setCharSpacing: s.charSpacing = args[0]; break;
      case OPS.setWordSpacing: s.wordSpacing = args[0]; break;
      case OPS.setHScale: s.hScale = args[0] / 100; break;
      case OPS.setTextRise: s.rise = args[0]; break;
      case OPS.showText: case OPS.showSpacedText: showText(args[0] as (PdfjsGlyph | number)[]); break;
      case OPS.nextLineShowText: moveText(0, s.leading); showText(args[0]); break;
      case OPS.nextLineSetSpacingShowText: s.wordSpacing = args[0]; s.charSpacing = args[1]; moveText(0, s.leading); showText(args[2]); break;
      case OPS.paintImageXObject: case OPS.paintInlineImageXObject: case OPS.paintImageMaskXObject: case OPS.paintImageXObjectRepeat: {
        const b = boxOf(s.ctm, 0, 0, 1, 1);
        const w = Math.max(0, Math.min(b.x1, vp.width) - Math.max(b.x0, 0));
        const h = Math.max(0, Math.min(b.y1, vp.height) - Math.max(b.y0, 0));
        imageArea += w * h;
        break;
      }
      default: break;
    }
  }
  return {
    width: vp.width, height: vp.height, rotation: vp.rotation, glyphs, horizontals, verticals,
    imageCover: Math.min(1, imageArea / Math.max(1, vp.width * vp.height)), badGlyphs,
  };
}
