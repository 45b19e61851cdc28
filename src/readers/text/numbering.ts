/**
 * The row numberings of a report's tables as text shows them — "1." (also "1、", "1．", and with a
 * space after the dot in some copies), "（一）", "一、" — and the tests the text reader builds on
 * them. One place, so a form added for one test is there for all.
 */
const ARABIC = String.raw`\d{1,2}[.、．]`;
const PAREN = String.raw`[（(][一二三四五六七八九十]{1,3}[）)]`;
const TOP = String.raw`[一二三四五六七八九十]{1,3}、`;

/** Starts with a row number ("1.", "（一）", "一、"). */
const NUMBERED = new RegExp(`^(?:${ARABIC}|${PAREN}|${TOP})`);
/** Spaces pdftotext sets between the characters of a letter-spaced label ("三 、本 年 度办 理 结果"). */
const LETTER_SPACES = /(?<=[\u4e00-\u9fff、]) (?=[\u4e00-\u9fff、])/g;

/** A label that starts with a row number, letter-spaced or not: a label of its own, not the rest of the one above. */
export const numbered = (t: string): boolean => NUMBERED.test(t.replace(LETTER_SPACES, ''));

/** A numbered item after a space inside a label ("（三）不予 1.属于国家秘密"): two label cells that a single space joined. */
export const ITEM_AFTER_SPACE = new RegExp(String.raw`\s+(?=(?:${ARABIC} ?|${PAREN}|${TOP})[^\s\d])`);

/**
 * A line starting with a row's numbering ("（二）部分公开（区分处理的，只计这一情 形，不"): a label
 * that wrapped. Not "四、…": the report's sections are numbered so.
 */
export const NUMBERED_LABEL = new RegExp(String.raw`^(?:${ARABIC}|${PAREN})\S`);

/** A numbered row label after other words on one line: label pieces of a table row, not prose. */
export const NUMBERED_ITEM_INSIDE = new RegExp(String.raw`\S\s+(?:${ARABIC} ?|${PAREN})[^\s\d]`);
