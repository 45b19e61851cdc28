import { asNumberText, looksNumeric, wordsToText, type CellImage } from './cells';
import type { Gray } from './raster';
import { makeGray, otsu } from './raster';
import { recognizeBatch, type OcrRequest } from './tesseract';

export interface Reading { text: string; confidence: number; alternatives?: string[] }

/** Below this OCR confidence (0..1) a reading is "unsure": it gets a second look, and the rival
 * readings are kept as alternatives. */
export const UNSURE = 0.8;
/** Readings that disagree get at most this confidence: the engines saw different things. */
const DISAGREEMENT_CONFIDENCE = 0.5;
/** Characters the digit-only passes may read (counts, amounts, signs, placeholders). */
const DIGIT_WHITELIST = '0123456789.,-+';
/** A value column has at least this share of cells reading as numbers. */
const VALUE_COLUMN_SHARE = 0.5;
/** Ink of a one-line value cell fits in this box (inches): a number, not a wrapped label. */
const MAX_VALUE_HEIGHT_IN = 0.22;
const MAX_VALUE_WIDTH_IN = 1.2;
/** A cell the general model reads as 2+ CJK characters this surely is a label, even in a value column. */
const SURE_LABEL_CONFIDENCE = 0.85;

const CJK_G = /[\u3400-\u9fff]/g;

export interface CellJob { grid: number; ci: CellImage }

/**
 * Read every inked cell. Pass 1: the general Chinese model (psm 6) on all cells. Pass 2: the
 * digit-only model as a single word (psm 8) on short one-line cells of value columns. Pass 3, for
 * readings still unsure: both again on a cleaned (binarized, despeckled) image. Value cells are
 * settled by vote; labels keep the surer reading.
 */
export async function readCells(jobs: CellJob[], dpi: number, budget: () => number): Promise<Map<CellImage, Reading>> {
  const req = (lang: string, psm: number, whitelist?: string): OcrRequest => ({ lang, psm, whitelist, timeoutSeconds: budget() });
  const general = (await recognizeBatch(jobs.map((j) => j.ci.image!), req('chi_sim', 6))).map(wordsToText);

  const valueCols = new Map<number, Set<number>>();
  const tally = new Map<string, { num: number; all: number }>();
  jobs.forEach((j, i) => {
    if (j.ci.cell.colSpan !== 1) return;
    const k = `${j.grid}:${j.ci.cell.col}`;
    const t = tally.get(k) ?? { num: 0, all: 0 };
    t.all++;
    if (asNumberText(general[i].text) !== null) t.num++;
    tally.set(k, t);
  });
  for (const [k, t] of tally) {
    if (t.num < VALUE_COLUMN_SHARE * t.all) continue;
    const [g, c] = k.split(':').map(Number);
    const s = valueCols.get(g) ?? new Set<number>();
    s.add(c);
    valueCols.set(g, s);
  }
  const oneLine = (ci: CellImage) => ci.ink !== null && ci.ink.y1 - ci.ink.y0 <= MAX_VALUE_HEIGHT_IN * dpi && ci.ink.x1 - ci.ink.x0 <= MAX_VALUE_WIDTH_IN * dpi;
  const isValue = jobs.map((j, i) => oneLine(j.ci) && (looksNumeric(general[i].text) || !general[i].text
    || Array.from({ length: j.ci.cell.colSpan }, (_, k) => j.ci.cell.col + k).some((c) => valueCols.get(j.grid)?.has(c))));
  const valueIdx = jobs.map((_, i) => i).filter((i) => isValue[i]);
  const digits = (await recognizeBatch(valueIdx.map((i) => jobs[i].ci.image!), req('eng', 8, DIGIT_WHITELIST))).map(wordsToText);
  const digitOf = new Map(valueIdx.map((i, k) => [i, digits[k]]));

  const first = jobs.map((_, i) => settle(general[i], isValue[i] ? [digitOf.get(i)!] : []));
  const unsure = jobs.map((_, i) => i).filter((i) => first[i].confidence < UNSURE);
  if (!unsure.length) return new Map(jobs.map((j, i) => [j.ci, first[i]]));
  const cleaned = new Map(unsure.map((i) => [i, clean(jobs[i].ci.image!)]));
  const general2 = (await recognizeBatch(unsure.map((i) => cleaned.get(i)!), req('chi_sim', 6))).map(wordsToText);
  const unsureValues = unsure.filter((i) => isValue[i]);
  const digits2 = (await recognizeBatch(unsureValues.map((i) => cleaned.get(i)!), req('eng', 7, DIGIT_WHITELIST))).map(wordsToText);
  const g2 = new Map(unsure.map((i, k) => [i, general2[k]]));
  const d2 = new Map(unsureValues.map((i, k) => [i, digits2[k]]));
  return new Map(jobs.map((j, i) => {
    if (!g2.has(i)) return [j.ci, first[i]];
    if (!isValue[i]) {
      const a = general[i], b = g2.get(i)!;
      return [j.ci, b.confidence > a.confidence && b.text ? { text: b.text, confidence: b.confidence } : first[i]];
    }
    // The surer general reading stands for "what the page says" when the cell is a label.
    const a = general[i].confidence >= g2.get(i)!.confidence ? general[i] : g2.get(i)!;
    return [j.ci, settle(a, [digitOf.get(i)!, d2.get(i)!].filter(Boolean), [general[i], g2.get(i)!])];
  }));
}

type Raw = { text: string; confidence: number };

/**
 * Settle a cell from its general reading `a` and digit-only readings. A label or placeholder the
 * general model is sure of stays text. Otherwise the numbers the readings agree on win by votes
 * (then summed confidence); any rival number is kept as an alternative and caps the confidence.
 */
export function settle(a: Raw, digitReads: Raw[], generalReads: Raw[] = [a]): Reading {
  if (!digitReads.length) return { text: a.text, confidence: a.confidence };
  const cjk = (a.text.match(CJK_G) ?? []).length;
  const digitTexts = digitReads.map((d) => ({ text: d.text.replace(/\s+/g, ''), confidence: d.confidence })).filter((d) => d.text);
  // Labels and placeholders ("其他", "总计", "无") printed in a value column.
  if (cjk >= 2 && a.confidence >= SURE_LABEL_CONFIDENCE) return { text: a.text, confidence: a.confidence };
  // One sure CJK character ("无" – or "了" for a 7): text unless the digit pass read a number,
  // in which case the number stands with the character as its rival.
  const sureChar = cjk === 1 && a.text.length === 1 && a.confidence >= 0.9;
  if (sureChar && !digitTexts.length) return { text: a.text, confidence: a.confidence };
  const votes: Raw[] = [...digitTexts];
  for (const g of generalReads) { const n = asNumberText(g.text); if (n !== null) votes.push({ text: n, confidence: g.confidence }); }
  if (!votes.length) return { text: a.text, confidence: Math.min(a.confidence, cjk ? DISAGREEMENT_CONFIDENCE : a.confidence) };
  const tally = new Map<string, { n: number; sum: number; max: number }>();
  for (const v of votes) { const t = tally.get(v.text) ?? { n: 0, sum: 0, max: 0 }; t.n++; t.sum += v.confidence; t.max = Math.max(t.max, v.confidence); tally.set(v.text, t); }
  const ranked = [...tally.entries()].sort((x, y) => y[1].n - x[1].n || y[1].sum - x[1].sum);
  const [text, t] = ranked[0];
  const alternatives = ranked.slice(1).map(([s]) => s);
  if (sureChar) alternatives.push(a.text);
  // One reading alone, or rivals: not sure, whatever tesseract's own score says.
  const capped = alternatives.length || t.n < 2 ? Math.min(t.max, DISAGREEMENT_CONFIDENCE) : t.max;
  return { text, confidence: capped, ...(alternatives.length ? { alternatives } : {}) };
}

/** Binarize at the cell's own threshold and drop isolated specks: noise the second look ignores. */
function clean(img: Gray): Gray {
  const t = otsu(img);
  const { width: w, height: h } = img;
  const out = makeGray(w, h, 255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    if (img.data[y * w + x] > t) continue;
    let n = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const yy = y + dy, xx = x + dx;
      if ((dx || dy) && yy >= 0 && yy < h && xx >= 0 && xx < w && img.data[yy * w + xx] <= t) n++;
    }
    if (n >= 2) out.data[y * w + x] = 0;
  }
  return out;
}
