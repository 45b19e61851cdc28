import { printings, t3Ancestors } from './fields';
import { similarity, splitLabel, type SplitLabel } from './normalize';
import { T2, T3, T4 } from './spec';

/** One entry of a label dictionary: a key and the printed names it goes by. */
export interface LabelEntry {
  key: string;
  names: string[];
  /** Numbering kind the label normally carries; used to break ties ("（六）其他" vs "3.其他"). */
  kind?: SplitLabel['kind'];
  /** For table 三 leaves: the group they belong to. */
  parent?: string;
}

export interface LabelMatch {
  entry: LabelEntry;
  score: number;
  split: SplitLabel;
}

/** Minimum similarity for a fuzzy label match (typos, OCR errors, punctuation variants).
 * 0.8 lets "其他法律行政止公开" match "其他法律行政法规禁止公开" (0.86) while keeping
 * "不予公开" away from "予以公开" (0.75). Short names (≤ 4 characters) must match exactly. */
export const FUZZY_LABEL_THRESHOLD = 0.8;

const stripPunct = (s: string) => s.replace(/[、,.;:!?\-—_/|]/g, '');

/** Scores per entry object and core: pure (entries are never edited), and the same cores are
 * scored again and again (LCS is the costly part). Keyed weakly: entries built on the fly go away. */
const scoreCache = new WeakMap<LabelEntry, Map<string, number>>();
const SCORE_MEMO_LIMIT = 20_000;

/** Score a label core against an entry: 1 exact, 0.95 containment of a longer name, else fuzzy. */
function scoreEntry(core: string, e: LabelEntry): number {
  let m = scoreCache.get(e);
  if (!m) scoreCache.set(e, (m = new Map()));
  let v = m.get(core);
  if (v === undefined) {
    v = scoreEntryUncached(core, e);
    if (m.size >= SCORE_MEMO_LIMIT) m.clear();
    m.set(core, v);
  }
  return v;
}

/** Code points of a string (what similarity counts). */
const codePoints = (s: string) => { let k = 0; for (const _ of s) k++; return k; };

function scoreEntryUncached(core: string, e: LabelEntry): number {
  let best = 0;
  const c = stripPunct(core);
  const cLen = codePoints(c);
  for (const raw of e.names) {
    const n = stripPunct(raw);
    if (c === n) return 1;
    if (n.length >= 2 && c.length > n.length && c.startsWith(n) && n.length / c.length >= 0.5) best = Math.max(best, 0.95);
    // Similarity is at most 2·min/(sum of lengths): names too much longer or shorter cannot reach the threshold.
    const nLen = codePoints(n);
    if (n.length > 4 && c.length > 4 && (2 * Math.min(cLen, nLen)) / (cLen + nLen) >= FUZZY_LABEL_THRESHOLD) {
      const s = similarity(c, n);
      if (s >= FUZZY_LABEL_THRESHOLD) best = Math.max(best, s);
    }
  }
  return best;
}

/**
 * Match a printed label against a dictionary. Returns the best entry, or null when nothing is
 * close enough or two entries tie (an ambiguous label is never guessed).
 */
export function matchLabel(label: string, entries: LabelEntry[], prefer?: (e: LabelEntry) => boolean): LabelMatch | null {
  const split = splitLabel(label);
  if (!split.core) return null;
  const scored = entries
    .map((entry) => {
      let score = scoreEntry(split.core, entry);
      if (score > 0 && split.kind && entry.kind && split.kind !== entry.kind) score -= 0.02;
      if (score > 0 && prefer && prefer(entry)) score += 0.01;
      return { entry, score, split };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
  if (!scored.length) return null;
  if (scored.length > 1 && Math.abs(scored[0].score - scored[1].score) < 1e-9 && scored[0].entry.key !== scored[1].entry.key) return null;
  return scored[0];
}

// ---- dictionaries, derived from the table specs -------------------------------------------
/** The names a printed label goes by: its core (numbering and bracketed notes removed), then its aliases. */
const namesOf = (labels: string[], aliases: string[] = []) => [...new Set([...labels.map((l) => splitLabel(l).core), ...aliases])];

/** The numbering each level of table 三's rows prints: 一、 / （一） / 1. */
const T3_KINDS: SplitLabel['kind'][] = ['top', 'paren', 'arabic'];
const t3Level = (level: number): LabelEntry[] => T3.rows
  .map((r) => ({ r, above: t3Ancestors(r) }))
  .filter(({ above }) => above.length === level)
  .map(({ r, above }) => ({ key: r.key, names: namesOf([r.label], r.aliases), kind: T3_KINDS[level], ...(level === 2 ? { parent: above[1].key } : {}) }));

/** Table 三 rows by level: 一、…四、, the （一）…（七） rows of 三、, and the numbered rows inside those. */
export const T3_TOP: LabelEntry[] = t3Level(0);
export const T3_GROUPS: LabelEntry[] = t3Level(1);
export const T3_LEAVES: LabelEntry[] = t3Level(2);

/** Table 三 applicant columns (小计, printed by a few reports, has no field: reported, not mapped). */
export const T3_COLUMN_LABELS: LabelEntry[] = T3.columns.map((c) => ({ key: c.key, names: namesOf([c.label], c.aliases) }));
/** Header words that are structure, not value columns. */
export const T3_HEADER_GROUPS: string[] = [T3.header.applicants, T3.header.orgGroup, T3.header.noteCue];

export const T4_BLOCK_LABELS: LabelEntry[] = T4.blocks.map((b) => ({ key: b.key, names: namesOf([b.label], b.aliases) }));
export const T4_COLUMN_LABELS: LabelEntry[] = T4.columns.map((c) => ({ key: c.key, names: namesOf([c.label], c.aliases) }));

export const T2_ROW_LABELS: LabelEntry[] = T2.rows.map((r) => ({ key: r.key, names: namesOf(printings(r.label), r.aliases) }));
export const T2_COLUMN_LABELS: LabelEntry[] = T2.columns.map((c) => ({ key: c.key, names: namesOf(printings(c.label), c.aliases) }));
