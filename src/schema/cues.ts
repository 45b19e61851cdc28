/**
 * What a single cell's text says about the table it stands in, derived from the table specs:
 * used by the classifier (recognize.ts), the row rebuilder for flat text (flat.ts) and the mappers.
 */
import { T3_COLUMN_LABELS, T3_HEADER_GROUPS, T4_BLOCK_LABELS, T4_COLUMN_LABELS } from './labels';
import { normLabel } from './normalize';
import { SHARED_WORDS, T2, T3, T4 } from './spec';

/** A header cell's word, compared whole; brackets around it ("(总计)") are dropped. */
export const headerWord = (text: string) => normLabel(text).replace(/[()]/g, '');

/** Words several tables print: alone they name no table. */
export const isSharedWord = (text: string) => SHARED_WORDS.includes(headerWord(text));

// ---- table 二 ---------------------------------------------------------------------------------
/** A caption row of table 二 ("第二十条第（一）项"). */
export const isT2Caption = (text: string) => normLabel(text).startsWith(T2.captionCue);
/** The first cell of a table 二 header row. */
export const isT2Corner = (text: string) => normLabel(text) === T2.corner;
/** Does a table's text (normalized) carry table 二's captions or header? */
export const hasT2Frame = (normText: string) => normText.includes(T2.captionCue) || normText.includes(T2.corner);

// ---- table 三 ---------------------------------------------------------------------------------
/** The applicant column a header cell names, by its whole word. */
export const t3ColumnOf = (text: string) => T3_COLUMN_LABELS.find((e) => e.names.includes(headerWord(text)))?.key;
/** Columns printed under the 法人或其他组织 group. */
export const T3_ORG_COLUMNS: ReadonlySet<string> = new Set(T3.columns.filter((c) => c.group === T3.header.orgGroup).map((c) => c.key));
/** The 法人或其他组织 group cell, however a report spells it. */
export const isT3OrgGroup = (text: string) => [T3.header.orgGroup, ...T3.header.orgGroupAliases].includes(normLabel(text));
/** Header words of table 三 that are structure, not value columns (申请人情况, the note …). */
export const isT3HeaderWord = (text: string) => T3_HEADER_GROUPS.some((g) => headerWord(text).includes(g));

// ---- table 四 ---------------------------------------------------------------------------------
export const t4ColumnOf = (text: string) => T4_COLUMN_LABELS.find((e) => e.names.includes(headerWord(text)))?.key;

/** Block names are tried litigation blocks first: their names contain 复议 as 行政复议's does. */
const BLOCKS_BY_CUE = [...T4.blocks.filter((b) => b.group), ...T4.blocks.filter((b) => !b.group)]
  .map((b) => ({ key: b.key, names: T4_BLOCK_LABELS.find((e) => e.key === b.key)!.names }));

/** Which block a caption or heading names ("行政诉讼（复议后起诉）" → suit_after_review). */
export function blockIn(text: string): string | undefined {
  const t = normLabel(text);
  return BLOCKS_BY_CUE.find((b) => b.names.some((n) => t.includes(n)))?.key;
}

/** Longest header cell read as naming a block by containing its name; longer text is a caption. */
const MAX_BLOCK_HEADER = 12;
/** The block a header cell names: its whole text, or a short cell containing a block name. */
export function t4BlockOf(text: string): string | undefined {
  const t = normLabel(text);
  return T4_BLOCK_LABELS.find((e) => e.names.includes(t))?.key ?? (t.length <= MAX_BLOCK_HEADER ? blockIn(text) : undefined);
}
/** The group over blocks (行政诉讼) printed alone. */
export const isT4BlockGroup = (text: string) => T4.blocks.some((b) => b.group === headerWord(text));
/** Points a table's text (normalized) scores as table 四. */
export const t4Score = (normText: string) => T4.cues.reduce((s, [word, weight]) => s + (normText.includes(word) ? weight : 0), 0);
