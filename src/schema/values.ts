import { NUMBER, numberText, PLACEHOLDER, toNumber } from '../util/number';
import { toHalfWidth } from '../util/text';

export { looksLikeValue } from '../util/number';

export interface ParsedValue {
  value: number | null;
  /** Why the value needs a look: prose around the number, unreadable text, unit conversion. */
  warning?: { code: string; message: string };
  /** The value is uncertain (unreadable text, fractional count) and should be reviewed. */
  lowConfidence?: boolean;
}

const UNIT_FACTOR: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8, 千元: 1e3 };

/** Convert a number printed with `unit` to the field's unit (`万元` or `元`). */
function convert(n: number, unit: string, fieldUnit: string): number {
  const from = UNIT_FACTOR[unit];
  const to = UNIT_FACTOR[fieldUnit];
  if (!from || !to) return n;
  // Round away binary noise from the division (25.1万元 → 251000元 exactly).
  return Number(((n * from) / to).toPrecision(12));
}

/**
 * Parse a printed cell into the field's number. `fieldUnit` is the unit of the field (件, 项, 元,
 * 万元); `headerUnit` is a unit the column header declares ("（单位：万元）"), used when the cell
 * itself names none.
 */
export function parseValue(raw: string, fieldUnit = '件', headerUnit?: string, type = 'integer'): ParsedValue {
  const t = numberText(raw);
  if (PLACEHOLDER.test(t)) return { value: null };
  // Two numbers in one cell ("58 9": columns set too close to be told apart) are not one number.
  const spaced = toHalfWidth(raw.normalize('NFKC')).trim();
  if (/\d\s+[+\-]?\d/.test(spaced) && !/^[+\-]?\d{1,3}(?:\s\d{3})+(?:\.\d+)?$/.test(spaced)) {
    return { value: null, lowConfidence: true, warning: { code: 'value-several', message: `cell text "${raw}" holds several numbers; left null` } };
  }
  const num = new RegExp(`^(${NUMBER})$`);
  let m = t.match(num);
  if (m) {
    let v = toNumber(m[1]);
    if (headerUnit && UNIT_FACTOR[headerUnit] && UNIT_FACTOR[fieldUnit]) v = convert(v, headerUnit, fieldUnit);
    return checkType(v, type);
  }
  // A unit written in the cell: "251000元", "25.1万元", "12件".
  m = t.match(new RegExp(`^(${NUMBER})(万元|亿元|千元|元|件|项|个|条|宗|次)$`));
  if (m) {
    const unit = m[2];
    let v = toNumber(m[1]);
    if (UNIT_FACTOR[unit]) {
      if (!UNIT_FACTOR[fieldUnit]) {
        return { value: null, lowConfidence: true, warning: { code: 'value-unit-mismatch', message: `cell "${raw}" is an amount of money but the field counts ${fieldUnit}` } };
      }
      v = convert(v, unit, fieldUnit);
      if (unit !== fieldUnit) return { ...checkType(v, type), warning: { code: 'value-unit-converted', message: `"${raw}" converted to ${v} ${fieldUnit}` } };
    }
    return checkType(v, type);
  }
  // A number followed by prose: "22（其中修订16件）", "55(含自然失效29件)".
  m = t.match(new RegExp(`^(${NUMBER})(万元|元|件|项|个)?[(（\\[【](.*)[)）\\]】]?$`));
  if (m) {
    let v = toNumber(m[1]);
    if (m[2] && UNIT_FACTOR[m[2]] && UNIT_FACTOR[fieldUnit]) v = convert(v, m[2], fieldUnit);
    return { ...checkType(v, type), warning: { code: 'value-prose', message: `took ${v} from "${raw}"; the rest is an annotation` } };
  }
  return { value: null, lowConfidence: true, warning: { code: 'value-unreadable', message: `cell text "${raw}" is not a number; left null` } };
}

function checkType(v: number, type: string): ParsedValue {
  if (!Number.isFinite(v)) return { value: null, lowConfidence: true, warning: { code: 'value-unreadable', message: 'not a finite number' } };
  if (type !== 'decimal' && !Number.isInteger(v)) {
    return { value: v, lowConfidence: true, warning: { code: 'value-fraction', message: `${v} is not a whole number but the field counts items` } };
  }
  if (type === 'integer' && v < 0) {
    return { value: v, lowConfidence: true, warning: { code: 'value-negative', message: `${v} is negative in a count field` } };
  }
  return { value: v };
}

/** A unit declared in a header: "本年收费金额（单位：万元）" → 万元. */
export function headerUnit(header: string): string | undefined {
  const m = toHalfWidth(header.normalize('NFKC')).replace(/\s+/g, '').match(/(?:单位[:：])?(万元|亿元|千元|元)\)?$|[(（]单位[:：]?(万元|亿元|千元|元)[)）]/);
  return m ? (m[1] ?? m[2]) : undefined;
}
