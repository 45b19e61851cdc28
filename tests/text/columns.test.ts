/**
 * Space-aligned text (pdftotext -layout, a viewer's copy-paste): value columns found from the rows
 * that print every value; a blank cell is a null of its column, never a shift; where the columns
 * cannot be told, the row's values are left out with a warning.
 */
import { alignColumns } from '../../src/readers/text/columns';
import { parseText } from '../../src/readers/text/index';
import { recognize } from '../../src/schema/recognize';
import type { Message } from '../../src/model';
import { buildReport } from '../helpers/report-builder';
import { spaceAligned } from './layout-text';

const rows = (...lines: string[]) => lines.map((line, i) => ({ line, lineNo: i + 1, page: 0 }));
/** Texts of a row's value slots (right of the label columns), '' for a blank slot. */
const slots = (t: ReturnType<typeof alignColumns>[number], r: number) => {
  const row = t.aligned!.table.rows[r];
  return row.slice(row.length - 3).map((c) => (c && c.colSpan === 1 ? c.text : c ? `[${c.text}]` : '.'));
};

describe('alignColumns', () => {
  it('places a shorter row by the template rows above and below it', () => {
    const [t] = alignColumns(rows('甲项      10     20     30', '乙项      11            31', '丙项      12     22     32'));
    expect(slots(t, 1)).toEqual(['11', '', '31']);
    expect(t.aligned!.ambiguous).toEqual([]);
  });

  it('places neither line of a row whose numbers wrapped onto the next line (82 over 26 is 8226)', () => {
    const [t] = alignColumns(rows('1.甲项      10     20     30', '2.乙项      82      0     82', '            26            26', '3.丙项      12     22     32'));
    expect(slots(t, 1)).toEqual(['[82  0  82]', '[82  0  82]', '[82  0  82]']);
    expect(t.aligned!.ambiguous).toEqual([2, 3]);
    expect(slots(t, 3)).toEqual(['12', '22', '32']);
  });

  it('leaves a shorter row unplaced when only one template row is next to it', () => {
    const [t] = alignColumns(rows('甲项      10     20     30', '乙项      11            31'));
    expect(slots(t, 1)).toEqual(['[11  31]', '[11  31]', '[11  31]']);
    expect(t.aligned!.ambiguous).toEqual([2]);
  });

  it('does not read columns from values one space apart (packed, not aligned)', () => {
    const [t] = alignColumns(rows('甲项  1 2 3', '乙项  1 3', '丙项  4 5 6'));
    expect(t.aligned!.ambiguous).toEqual([2]);
  });

  it('takes templates from the same page only (a page break may move the columns)', () => {
    const on = (pages: number[]) => alignColumns(rows('甲项      10     20     30', '乙项      11            31', '丙项      12     22     32').map((r, i) => ({ ...r, page: pages[i] })))[0];
    expect(on([0, 0, 0]).aligned!.ambiguous).toEqual([]);
    expect(on([0, 1, 1]).aligned!.ambiguous).toEqual([2]);
  });

  it('reads a table continued after a form feed, page marks dropped', () => {
    const text = ['甲项      10     20     30', '乙项      11            31', '丙项      12     22     32', '- 3 -', '\f丁项      13     23     33', '戊项            24     34', '己项      15     25     35'].join('\n');
    const tables = parseText(text, 'txt').blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const t = tables[0].kind === 'table' ? tables[0].table : undefined;
    expect(t!.rows.map((r) => r.slice(-3).map((c) => c?.text ?? '.'))).toEqual([
      ['10', '20', '30'], ['11', '', '31'], ['12', '22', '32'], ['13', '23', '33'], ['', '24', '34'], ['15', '25', '35']]);
  });

  it('measures CJK labels by display width when that is what aligns the values', () => {
    // Laid out for a monospaced CJK font: 乙 takes two columns, so its 11 stands under 10 only by display width.
    const [t] = alignColumns(rows('甲项目  10    20    30', '乙      11          31', '丙项目  12    22    32'));
    expect(slots(t, 1)).toEqual(['11', '', '31']);
  });
});

describe('alignColumns: a row broken over two lines', () => {
  const A = '1.甲项      10     20     30', C = '4.丁项      13     23     33';
  it('gives the broken values to the first line when the second line\'s label goes on beside a full row', () => {
    // "3.丙项" prints its first value, then its others beside the label of row 4, whose label
    // ends on the line of its own values.
    const [t] = alignColumns(rows(A, '2.乙项      11     21     31', '3.丙项      12', '4.丁项             22     32', '  丁尾      14     24     34', C));
    expect(slots(t, 2)).toEqual(['12', '22', '32']);
    const row3 = t.aligned!.table.rows[3];
    expect(row3.filter((c) => c?.text.startsWith('4.丁项')).length).toBe(1);
    expect(slots(t, 3)).toEqual(['14', '24', '34']);
    expect(t.aligned!.ambiguous).toEqual([]);
  });

  it('places neither line when nothing says whose values they are', () => {
    const [t] = alignColumns(rows(A, '2.乙项      11     21     31', '3.丙项      12', '4.丁项             22     32', C));
    expect(t.aligned!.ambiguous).toEqual([3, 4]);
  });
});

describe('space-aligned text as pdftotext -layout gives a real report', () => {
  const read = (text: string) => recognize(parseText(text, 'txt'));
  const A = '一、本年新收政府信息公开申请数量                21    0      0     0   0   0     21';
  const B = '二、上年结转政府信息公开申请数量                 0    0      0     0   0   0      0';

  it('keeps a table together over blank lines, a letter-spaced row label and labels that wrap above their values', () => {
    const text = [A, '', '', B,
      '                  （一）予以公开                     0    0      0     0   0   0     0',
      '                  （二）部分公开（区分处理的，只计这一情 形，不',
      '                  计其他情形）',
      '                                              4    0      0     0   0   0     4',
      ' 三 、本 年 度办 理 结果', '', '', '',
      '       （三）不 4. 保护第三方合法权益      1     0      0     0   0   0     1',
      '        予公开',
      '     1. 本机关不掌',
      '     握相关政府信     3   0   0   0   0   0   3',
      '     息',
      '（四',
      '     2. 没有现成',
      '）无',
      '     信息需要另行     2   0   0   0   0   0   2',
      '法提',
      '     制作',
      '供'].join('\n');
    const rec = read(text);
    const got = (row: string) => ['natural_person', 'total'].map((c) => rec.cells[`t3.${row}.${c}`]?.value);
    expect(got('new_received')).toEqual([21, 21]);
    expect(got('carried_over')).toEqual([0, 0]);
    expect(got('partially_granted')).toEqual([4, 4]);
    expect(got('withheld.third_party_rights')).toEqual([1, 1]);
    expect(got('unavailable.not_held')).toEqual([3, 3]);
    expect(got('unavailable.needs_creation')).toEqual([2, 2]);
  });
});

describe('table 四 under header lines that kept no columns', () => {
  it('takes a full row of 15 values in the standard order, flagged', () => {
    const text = ['四、政府信息公开行政复议、行政诉讼情况', '          行政复议                              行政诉讼', '', '                              未经复议直接起诉                  复议后起诉', '',
      '结果   结果     其他   尚未', '                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未', '维持   纠正     结果   审结                                               总计',
      '                                          总 计', '                        维持 纠正 结果       审结     维持 纠正 结果 审结', '', '',
      '10    1      0   0    11   0    0   0   0    0   5   0     0   0   5'].join('\n');
    const messages: Message[] = [];
    const rec = recognize(parseText(text, 'txt', messages));
    expect(['review.upheld', 'review.total', 'suit_after_review.upheld', 'suit_after_review.total'].map((c) => rec.cells[`t4.${c}`]?.value)).toEqual([10, 11, 5, 5]);
    expect(rec.cells['t4.review.upheld'].assumedColumn).toBe(true);
  });
});

describe('alignColumns: rows placed from a total column', () => {
  // Templates whose last value is the sum of the others: the last column totals the row.
  const [A, B] = ['甲项      10     20     30     60', '乙项      11     21     31     63'];
  const table = (row: string) => alignColumns(rows(A, row, B));
  const last4 = (t: ReturnType<typeof alignColumns>[number], r: number) => t.aligned!.table.rows[r].slice(-4).map((c) => (c && c.colSpan === 1 ? c.text : c ? `[${c.text}]` : '.'));

  it('places a row between templates when its last value is the sum of the others', () => {
    const [t] = table('丙项             23     33     56');
    expect(last4(t, 1)).toEqual(['', '23', '33', '56']);
    expect(t.aligned!.ambiguous).toEqual([]);
  });

  it('places a row whose whole line the text producer shifted, by distances from its total', () => {
    // Three columns right: beyond the nearest-column tolerance, but the spacing is the templates'.
    const row = '丙项         12            32     44';
    expect(last4(table(row)[0], 1)).toEqual(['12', '', '32', '44']);
    // Without a total the shifted line is not placed.
    expect(table(row.replace('44', '45'))[0].aligned!.ambiguous).toEqual([2]);
  });

  it('refuses a row past the last template (it may be in a block of lines shifted on its own)', () => {
    const [t] = alignColumns(rows(A, B, '丙项             23     33     56'));
    expect(t.aligned!.ambiguous).toEqual([3]);
  });

  it('refuses a row whose last value is not the sum of the others (it may not be the total)', () => {
    // Shifted three columns, so that only the total could place it.
    expect(table('丙项                23     33     56')[0].aligned!.ambiguous).toEqual([]);
    expect(table('丙项                23     33     57')[0].aligned!.ambiguous).toEqual([2]);
  });

  it('refuses a row that the templates above and below place differently', () => {
    // The lower template packs its last columns: 5 stands under column 3 of one, column 2 of the other.
    const row = '丙项                        5      5';
    expect(table(row)[0].aligned!.ambiguous).toEqual([]);
    const [t] = alignColumns(rows(A, row, '乙项              11       21  31 63'));
    expect(t.aligned!.ambiguous).toEqual([2]);
  });

  it('refuses a row when the templates do not all total (no total column)', () => {
    const [t] = alignColumns(rows(A, '丙项                23     33     56', '乙项      11     21     31     99'));
    expect(t.aligned!.ambiguous).toEqual([2]);
  });
});

describe('space-aligned report text', () => {
  const read = (text: string) => { const messages: Message[] = []; const rec = recognize(parseText(text, 'txt', messages)); return { rec, messages: [...messages, ...rec.messages] }; };

  it.each(['2019', '2021', 'hybrid'] as const)('reads every cell of a %s report', (shape) => {
    const b = buildReport(shape);
    const { rec } = read(spaceAligned(b.text));
    const got = Object.fromEntries(Object.keys(b.expected).map((k) => [k, rec.cells[k]?.value]));
    expect(got).toEqual(b.expected);
  });

  it('keeps a row of a short label and one value a single space apart inside a run', () => {
    const b = buildReport('2021');
    const text = spaceAligned(b.text).replace(/行政事业性收费 +25\.1/, '行政事业性收费 25.1');
    expect(text).toContain('行政事业性收费 25.1');
    expect(read(text).rec.cells['t2.fees.amount']?.value).toBe(25.1);
    // Not a sentence: prose with a number stays text.
    expect(read('本年共收到申请 25 件，办结 24 件。').rec.cells).toEqual({});
  });

  it('takes a row of table 三 continued under a header it cannot read as the rest of table 三', () => {
    const b = buildReport('2021');
    const text = spaceAligned(b.text);
    const lines = text.split('\n');
    const k = lines.findIndex((l) => l.startsWith('四、结转下年度'));
    const broken = [...lines.slice(0, k), '\f      然 商业 科研 社会   法律 其 总', '      人 企业 机构 公益   服务 他 计', ...lines.slice(k)].join('\n');
    const { rec } = read(broken);
    expect(rec.cells['t3.carried_forward.total']?.value).toBe(b.expected['t3.carried_forward.total']);
  });

  it('with many blank cells: every table 三 row is placed whole (blanks null) or left out with a warning', () => {
    const b = buildReport('2019', { variant: { blanks: 0.5, seed: 7 } });
    const text = spaceAligned(b.text);
    const { rec, messages } = read(text);
    const wrong = Object.entries(rec.cells).filter(([k, c]) => c.value !== b.expected[k]);
    expect(wrong).toEqual([]);
    const lines = text.split('\n');
    const warned = new Set(messages.filter((m) => m.code === 'text-columns-ambiguous').map((m) => m.where!.line!));
    const t3Rows = [...new Set(Object.keys(b.expected).filter((k) => k.startsWith('t3.')).map((k) => k.replace(/\.[a-z_]+$/, '')))];
    let placed = 0;
    for (const row of t3Rows) {
      const codes = Object.keys(b.expected).filter((k) => k.replace(/\.[a-z_]+$/, '') === row);
      const found = codes.filter((k) => k in rec.cells).length;
      expect([0, codes.length]).toContain(found);
      if (found) placed++;
    }
    // Blank slots came out as nulls of their own columns, and the rows left out were all warned.
    expect(placed).toBeGreaterThan(0);
    expect(Object.values(rec.cells).some((c) => c.value === null)).toBe(true);
    expect(warned.size).toBeGreaterThan(0);
    for (const n of warned) expect(lines[n - 1]).toMatch(/\d/);
  });
});
