/**
 * The one grammar of a printed number in a table cell, for every layer (readers and OCR may use
 * it: it knows characters, not the report format). Cell text is compared after `numberText`:
 * NFKC, full-width to half-width, no whitespace.
 */
import { toHalfWidth } from './text';

/** A signed decimal, with or without thousands separators: "1,234", "-2", "+173", "7730.28", ".5". */
export const NUMBER = String.raw`[+\-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-−]?\d+(?:\.\d+)?|[+\-−]?\.\d+`;

/** Printed placeholders for "nothing" (dashes, slashes, 无, 不适用 …): a blank cell is not a zero. */
export const PLACEHOLDER = /^(?:|[-－—–‐‑‒―─━⸺⸻_/／\\、.·…]+|无|空|暂无|没有|不适用|\*+|x|×)$/i;

const LEADING = new RegExp(`^(?:${NUMBER})`);
/** "1.属于国家秘密", "2、重复申请": a numbered label, not a number; also with the dot lost (OCR
 * drops it: "3危及…"), when words follow the number that are not a unit ("5万元", "12件"). */
const NUMBERED_LABEL = /^\d{1,2}(?:[.、．][\u3400-\u9fff]|(?![万亿千]?元|件|项|个|条|宗|次)[\u3400-\u9fff]{2})/;

/** Text made only of digits, separators, signs (a change printed "+3"), dashes (every dash the
 * placeholders know: "⸺" too), slashes and percent signs, as printed (full-width too): what
 * readers use to tell value cells from labels by their look, before any number is parsed. */
export const NUMERIC_TEXT = /^[\s\d,，.．%％+＋\-－—–‐‑‒―─━⸺⸻/／]+$/;

/** Cell text in the form the grammar reads. */
export const numberText = (raw: string) => toHalfWidth(raw.normalize('NFKC')).replace(/\s+/g, '');

/** The number printed as text ("−3" with a minus sign, "1,234"). */
export const toNumber = (s: string) => Number(s.replace(/,/g, '').replace('−', '-'));

/** Does the cell read as a value: a placeholder, or a number perhaps followed by a unit or prose? */
export function looksLikeValue(raw: string): boolean {
  const t = numberText(raw);
  if (PLACEHOLDER.test(t)) return true;
  if (NUMBERED_LABEL.test(t)) return false;
  return LEADING.test(t);
}
