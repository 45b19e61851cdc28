import { asNumberText, looksNumeric, type CellImage } from './cells';
import { recognizeLines, type RecReading, type RecResult } from './ppocr/recognize';

export interface Reading { text: string; confidence: number; alternatives?: string[] }

/** Below this confidence (0..1, the weakest character's model probability) a reading is
 * "unsure": its rival readings are kept as alternatives. */
export const UNSURE = 0.8;
/** A value the constrained decoding had to force (the model preferred another character) gets at
 * most this confidence. */
const FORCED_CONFIDENCE = 0.5;
/** A value column has at least this share of cells reading as numbers. */
const VALUE_COLUMN_SHARE = 0.5;

const CJK_G = /[\u3400-\u9fff]/g;

export interface CellJob { grid: number; ci: CellImage }

/**
 * Read every inked cell: all their text lines in a few recognizer batches. A cell in a value
 * column (most of its cells read as numbers) or that reads like a number is also decoded over the
 * value characters only (digits, signs, placeholders); `settle` picks between the two decodings.
 */
export async function readCells(jobs: CellJob[]): Promise<Map<CellImage, Reading>> {
  const lines: { job: number; img: CellImage['lines'][number] }[] = [];
  jobs.forEach((j, i) => { for (const img of j.ci.lines) lines.push({ job: i, img }); });
  // One pass decodes both ways for every line; which decoding counts is decided per cell after.
  const res = await recognizeLines(lines.map((l) => l.img), lines.map(() => true));
  const perJob: RecResult[][] = jobs.map(() => []);
  lines.forEach((l, k) => perJob[l.job].push(res[k]));
  const general = perJob.map((rs) => joinLines(rs.map((r) => r.general)));
  const valueRead = perJob.map((rs) => joinLines(rs.map((r) => r.value!)));

  const tally = new Map<string, { num: number; all: number }>();
  jobs.forEach((j, i) => {
    if (j.ci.cell.colSpan !== 1) return;
    const k = `${j.grid}:${j.ci.cell.col}`;
    const t = tally.get(k) ?? { num: 0, all: 0 };
    t.all++;
    if (asNumberText(general[i].text) !== null) t.num++;
    tally.set(k, t);
  });
  const valueCol = (grid: number, col: number) => { const t = tally.get(`${grid}:${col}`); return !!t && t.num >= VALUE_COLUMN_SHARE * t.all; };
  return new Map(jobs.map((j, i) => {
    const c = j.ci.cell;
    const oneLine = j.ci.lines.length === 1;
    const isValue = oneLine && (looksNumeric(general[i].text) || !general[i].text
      || Array.from({ length: c.colSpan }, (_, k) => c.col + k).some((col) => valueCol(j.grid, col)));
    return [j.ci, settle(general[i], isValue ? valueRead[i] : undefined)];
  }));
}

/** Lines of one cell as one reading: CJK lines join tight, others with a space. */
function joinLines(rs: RecReading[]): RecReading {
  if (rs.length === 1) return rs[0];
  let text = '';
  for (const r of rs) {
    if (!r.text) continue;
    const tight = !text || /[\u3400-\u9fff（(\-]$/.test(text) || /^[\u3400-\u9fff）)]/.test(r.text);
    text += tight ? r.text : ` ${r.text}`;
  }
  const confidence = rs.length ? Math.min(...rs.map((r) => r.confidence)) : 0;
  return { text, confidence, chars: rs.flatMap((r) => r.chars) };
}

/**
 * Settle a cell from its general reading `g` and, for value cells, the same output decoded over
 * the value characters `v` (look-alike glyphs counting for their digit). A label stays text. When both decodings agree on the value (a "1O" the general decoding spelled with
 * a letter included), the value stands with the constrained decoding's confidence. Otherwise the
 * constrained reading stands, below the unsure line, with the general reading kept as a rival.
 */
export function settle(g: RecReading, vRaw?: RecReading): Reading {
  if (!vRaw) return withAlternatives(g.text, g.confidence, g);
  const v = trimSeparators(vRaw);
  const cjk = (g.text.match(CJK_G) ?? []).length;
  // Two or more CJK characters are a label or a heading spanning value columns, however unsure:
  // no digit looks like two characters.
  if (cjk >= 2) return { text: g.text, confidence: g.confidence };
  const asNumber = asNumberText(g.text);
  if (v.text === g.text || (asNumber !== null && asNumber === v.text)) return withAlternatives(v.text, v.confidence, v);
  if (!v.text) return { text: g.text, confidence: Math.min(g.confidence, FORCED_CONFIDENCE) };
  const r = withAlternatives(v.text, Math.min(v.confidence, FORCED_CONFIDENCE), v);
  const alts = new Set(r.alternatives ?? []);
  if (asNumber !== null) alts.add(asNumber);
  else if (g.text) alts.add(g.text);
  alts.delete(v.text);
  return { ...r, ...(alts.size ? { alternatives: [...alts] } : {}) };
}

/** A value does not begin or end with a separator: a dot or comma there is dust beside the digits. */
function trimSeparators(r: RecReading): RecReading {
  let a = 0, b = r.chars.length;
  while (a < b && /^[.,]$/.test(r.chars[a].ch)) a++;
  // No number ends in a sign either: a "0-" is a 0 with a stroke of dust after it.
  while (b > a && (/^[.,]$/.test(r.chars[b - 1].ch) || (r.chars[b - 1].ch === '-' && b - 2 >= a && /\d/.test(r.chars[b - 2].ch)))) b--;
  if (a === 0 && b === r.chars.length) return r;
  const chars = r.chars.slice(a, b);
  return { text: chars.map((c) => c.ch).join('').trim(), confidence: chars.length ? Math.min(...chars.map((c) => c.p)) : r.confidence, chars };
}

/** The reading, and when it is unsure, the readings with its weakest characters swapped for the
 * model's second choice (within the same character set). */
function withAlternatives(text: string, confidence: number, r: RecReading): Reading {
  if (confidence >= UNSURE) return { text, confidence };
  const alts: string[] = [];
  // A weak character's rival is the runner-up character, or no character at all (a "-1" whose
  // sign is dust reads "1"); a rival that leaves nothing is not one (an inked cell holds something).
  const weak = r.chars.map((c, i) => ({ c, i })).filter(({ c }) => c.p < UNSURE && c.alt !== undefined && (c.alt === '' || c.alt.trim())).sort((a, b) => a.c.p - b.c.p).slice(0, 2);
  for (const { c, i } of weak) {
    const s = r.chars.map((x, k) => (k === i ? c.alt! : x.ch)).join('').trim();
    if (s && s !== text) alts.push(s);
  }
  return { text, confidence, ...(alts.length ? { alternatives: alts } : {}) };
}
