import { extract } from '../../src/pipeline/extract';
import { buildReport } from '../helpers/report-builder';

const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

/** Render tab-separated table lines as a monospaced layout (what `pdftotext -layout` or a copy
 * out of a viewer gives): each column padded to its widest cell; blank cells leave only spaces. */
function toLayout(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].includes('\t')) { out.push(lines[i++]); continue; }
    const block: string[][] = [];
    while (i < lines.length && lines[i].includes('\t')) block.push(lines[i++].split('\t'));
    const w: number[] = [];
    for (const r of block) r.forEach((c, k) => { w[k] = Math.max(w[k] ?? 0, width(c) + 3); });
    for (const r of block) out.push(r.map((c, k) => c + ' '.repeat(w[k] - width(c))).join('').trimEnd());
  }
  return out.join('\n');
}

const values = (cells: Record<string, { value: number | null }>) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.value]));

describe('plain-text layouts', () => {
  it('reads space-aligned tables, with full-width digits and spaces', async () => {
    const built = buildReport('2021');
    const layout = toLayout(built.text).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const rec = await extract(Buffer.from(layout), { name: 'layout.txt' });
    expect(values(rec.cells)).toEqual(built.expected);
  });

  it('places the values of a row with a dropped blank cell in their columns, the blank a null of its own', async () => {
    const built = buildReport('2021');
    // Blank out 商业企业 of 二、上年结转: in a layout the blank leaves only spaces (issue 11: a null of
    // its column, found from the full rows above and below, not a lost row).
    const text = built.text.replace(/^(二、上年结转政府信息公开申请数量\t\t\t\d+\t)0\t/m, '$1\t');
    const rec = await extract(Buffer.from(toLayout(text)), { name: 'blank-layout.txt' });
    expect(values(rec.cells)).toEqual({ ...built.expected, 't3.carried_over.commercial': null });
    expect(rec.warnings.some((w) => w.code === 'cells-missing')).toBe(false);
  });

  it('reads Markdown pipe tables and drops page footers between rows', async () => {
    const built = buildReport('2021');
    const md = built.text.split('\n').map((l, i) => (l.includes('\t') ? `| ${l.split('\t').join(' | ')} |` : l) + (i === 30 ? '\n\n- 3 -\n' : '')).join('\n');
    const rec = await extract(Buffer.from(md), { name: 'report.md' });
    expect(values(rec.cells)).toEqual(built.expected);
    expect(rec.warnings.some((w) => w.code === 'page-marks-dropped')).toBe(true);
  });

  it('decodes GB18030 text files', async () => {
    const iconv = await import('iconv-lite');
    const built = buildReport('2019');
    const rec = await extract(iconv.encode(built.text, 'gb18030'), { name: 'gbk.txt' });
    expect(values(rec.cells)).toEqual(built.expected);
  });
});

describe('broken lines', () => {
  it('joins a table 三 label wrapped onto the next line', async () => {
    const built = buildReport('2021');
    const text = built.text
      .replace('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信\n息公开申请\t')
      .replace(/^一、本年新收政府信息公开申请数量\t\t\t/m, '一、本年新收政府信息公开申\n\t\t\t');
    const rec = await extract(Buffer.from(text), { name: 'wrapped.txt' });
    expect(values(rec.cells)).toEqual(built.expected);
  });
});
