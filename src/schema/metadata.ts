import type { DocumentModel } from '../model';
import { normalizeRadicals, toHalfWidth } from '../util/text';
import { toSimplified } from './normalize';

export interface Metadata {
  title: string | null;
  agency: string | null;
  year: number | null;
  /** Whether the text reads as a government information-disclosure annual report at all. */
  isReport: boolean;
}

/** An issuing body set on its own line above the title is short; prose lines are not. */
const MAX_AGENCY_LINE = 30;

const TITLE = /政府信息公开(?:工作)?(?:年度)?(?:工作)?报告|政务公开(?:工作)?年度报告|信息公开年报/;

const clean = (s: string) => toSimplified(normalizeRadicals(toHalfWidth(s.normalize('NFKC')))).replace(/\s+/g, ' ').trim();

/** Title, issuing body and statistics year from the title line and the opening paragraphs. */
export function extractMetadata(doc: DocumentModel): Metadata {
  const texts = doc.blocks.filter((b) => b.kind === 'text').map((b) => clean((b as { text: string }).text));
  const lines = [...(doc.title ? [clean(doc.title)] : []), ...texts.slice(0, 40)]
    .flatMap((t) => t.split(/\n/))
    .map((t) => t.replace(/^#+\s*/, '').trim())
    .filter(Boolean);
  // A title broken over two lines ("…年度报" + "告") is read joined with a short next line.
  const candidates = lines.map((t, i) => ({ t: !TITLE.test(t) && (lines[i + 1] ?? '').length <= 6 ? t + (lines[i + 1] ?? '') : t, i }))
    .filter(({ t }) => t.length <= 80 && TITLE.test(t));
  // Prefer a line that names a year; a <title> with site chrome ("... - XX市人民政府") is cut at the dash.
  // Among those, one whose agency can be read (from itself or the line above) beats one without.
  const withYear = candidates.filter(({ t }) => /(19|20)\d{2}\s*年/.test(t));
  const named = withYear.find(({ t, i }) => agencyFrom(cutChrome(t)) || (i > 0 && isAgencyLine(lines[i - 1]) && agencyFrom(lines[i - 1] + cutChrome(t))));
  const pick = named ?? withYear[0] ?? candidates[0];
  let title: string | null = pick?.t ?? null;
  let year: number | null = null;
  let agency: string | null = null;
  if (pick && title) {
    const t = cutChrome(title);
    const y = t.match(/((?:19|20)\d{2})\s*年/);
    if (y) year = Number(y[1]);
    agency = agencyFrom(t);
    // A title set in two lines: the issuing body alone above "2023年政府信息公开工作年度报告".
    const above = lines[pick.i - 1];
    if (!agency && above && isAgencyLine(above)) {
      agency = agencyFrom(above + t);
      title = `${above}${t}`;
    }
  }
  const body = texts.slice(0, 60).join('\n');
  if (year === null) {
    const m = body.match(/统计期限[^。]{0,20}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/) ?? body.match(/((?:19|20)\d{2})\s*年度?政府信息公开/);
    if (m) year = Number(m[1]);
  }
  const isReport = !!title || /政府信息公开条例/.test(body) && /年度报告/.test(body);
  return { title, agency, year, isReport };
}

/** A <title> with site chrome ("... - XX市人民政府") is cut at the dash. */
const cutChrome = (title: string) => title.replace(/\s*[-_|–—]{1,2}\s*[^-_|–—]*$/, (tail) => (TITLE.test(tail) ? tail : ''));
/** A short line without sentence punctuation: an issuing body set above the title. */
const isAgencyLine = (l: string | undefined) => !!l && l.length <= MAX_AGENCY_LINE && !/[。，,:：]/.test(l);

/** "平顶山市教育体育局 2023 年政府信息公开工作年度报告" → "平顶山市教育体育局";
 * "2023年XX区人民政府政府信息公开工作年度报告" → "XX区人民政府". */
export function agencyFrom(title: string): string | null {
  let t = title.replace(/\s+/g, '');
  t = t.replace(/[（(][^）)]*[）)]$/, '');
  t = t.replace(/关于/, '').replace(/的?(?:政府信息公开|政务公开).*$/, '');
  t = t.replace(/(?:19|20)\d{2}年度?/g, '');
  // "XX区人民政府政府信息公开" loses its doubled 政府 above; put it back.
  if (/人民$/.test(t)) t += '政府';
  t = t.replace(/^[《「“]|[》」”]$/g, '').replace(/[,，。:：]$/, '');
  return t.length >= 2 ? t : null;
}
