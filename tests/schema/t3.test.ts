import { runChecks } from '../../src/checks/identities';
import { CellSink } from '../../src/schema/mapping';
import { classify } from '../../src/schema/recognize';
import { flushPendingOther, mapT3, matchT3Label, newT3State } from '../../src/schema/t3';
import { codes, grid, values } from './grid';

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** The standard 3-row header over 3 label columns and 7 value columns. */
const HEADER = [
  [NOTE, '<', '<', '申请人情况', '<', '<', '<', '<', '<', '<'],
  ['^', '^', '^', '自然人', '法人或其他组织', '<', '<', '<', '<', '总计'],
  ['^', '^', '^', '^', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '^'],
];
const R3 = '三、本年度办理结果';

const map = (rows: string[][]) => {
  const sink = new CellSink(0);
  const state = newT3State();
  const table = grid(rows);
  mapT3(table, 0, state, sink);
  flushPendingOther(state, sink);
  return { sink, state, table };
};

describe('table 三 mapper', () => {
  it('knows a row label cut off inside its bracketed note (the rest wrapped past the values)', () => {
    expect(matchT3Label('（二）部分公开（区分处理的，只计')?.entry.key).toBe('partially_granted');
    expect(matchT3Label('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')?.entry.key).toBe('partially_granted');
    // A bracket is a note only after some label text.
    expect(matchT3Label('（区分处理的，只计')).toBeNull();
    // A group label's first characters interleaved into a row's label by a text layout.
    expect(matchT3Label('3. 要求提供（五 公开出版物')?.entry.key).toBe('not_processed.publication');
  });

  const { sink, state, table } = map([
    ...HEADER,
    ['一、本年新收政府信息公开申请数量', '<', '<', '5', '1', '0', '0', '0', '0', '6'],
    ['二、上年结转政府信息公开申请数量', '<', '<', '1', '', '0', '0', '0', '0', '1'],
    [R3, '（一）予以公开', '<', '2', '1', '0', '0', '0', '0', '3'],
    ['^', '（三）不予公开', '1.属于国家秘密', '0', '0', '0', '0', '0', '0', '0'],
    ['^', '^', '2.其他法律行政止公开', '1', '0', '0', '0', '0', '0', '1'],
    ['^', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '1', '0', '0', '0', '0', '0', '1'],
    ['^', '^', '3.其他', '2', '0', '0', '0', '0', '0', '2'],
    ['^', '（七）合计', '<', '6', '1', '0', '0', '0', '0', '8'],
    ['四、结转下年度继续办理', '<', '<', '0', '0', '0', '0', '0', '0', '0'],
  ]);

  it('maps rows by their label path and columns by the header', () => {
    expect(classify(table)).toBe(3);
    const v = values(sink);
    expect(v['t3.new_received.natural_person']).toBe(5);
    expect(v['t3.new_received.commercial']).toBe(1);
    expect(v['t3.new_received.total']).toBe(6);
    expect(v['t3.granted.total']).toBe(3);
    expect(v['t3.withheld.state_secret.total']).toBe(0);
    // A typo in the label ("行政止公开") still names its row; 合计 is （七）总计.
    expect(v['t3.withheld.prohibited_by_law.natural_person']).toBe(1);
    expect(v['t3.other.overdue_correction.natural_person']).toBe(1);
    expect(v['t3.other.misc.total']).toBe(2);
    expect(v['t3.total_processed.natural_person']).toBe(6);
    expect(Object.keys(v)).toHaveLength(9 * 7);
    expect(sink.cells['t3.granted.commercial'].columnLabel).toBe('法人或其他组织 / 商业企业');
    expect(sink.cells['t3.withheld.state_secret.total'].rowLabel).toBe(`${R3} / （三）不予公开 / 1.属于国家秘密`);
    // Sub-rows of （六） exist only in the 2021 format.
    expect([...state.shape]).toEqual(['2021']);
  });

  it('keeps a blank cell null, not 0', () => {
    expect(sink.cells['t3.carried_over.commercial']).toMatchObject({ value: null, raw: '' });
  });

  it('reports a wrong total and keeps it as printed', () => {
    expect(sink.cells['t3.total_processed.total'].value).toBe(8);
    const rowSum = runChecks(sink.cells).find((c) => c.id === 't3.row_sum' && c.scope.endsWith('（七）总计'));
    expect(rowSum).toMatchObject({ outcome: 'fail', left: 8, right: 7 });
    expect(sink.cells['t3.total_processed.total'].value).toBe(8);
  });

  it('follows the printed column order', () => {
    const { sink: s } = map([
      ['', '总计', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
      ['一、本年新收政府信息公开申请数量', '9', '8', '1', '0', '0', '0', '0'],
    ]);
    expect(values(s)).toMatchObject({ 't3.new_received.total': 9, 't3.new_received.natural_person': 8, 't3.new_received.commercial': 1 });
  });

  it('reads 2019\'s single （六）其他处理 row as other.combined', () => {
    const { sink: s, state: st } = map([
      ...HEADER,
      [R3, '（六）其他处理', '<', '3', '0', '0', '0', '0', '0', '3'],
      ['^', '（七）总计', '<', '3', '0', '0', '0', '0', '0', '3'],
    ]);
    expect(values(s)).toMatchObject({ 't3.other.combined.natural_person': 3, 't3.other.combined.total': 3, 't3.total_processed.total': 3 });
    expect(Object.keys(s.cells).some((c) => /other\.(overdue|misc)/.test(c))).toBe(false);
    expect([...st.shape]).toEqual(['2019']);
  });

  it('under an unreadable header, value slots are the standard columns in order: a missing slot is a null of its column, never a shift', () => {
    const { sink: s } = map([
      ['', '自然人', '甲', '乙', '丙', '丁', '戊', '总计'],
      ['一、本年新收政府信息公开申请数量', '4', '0', '0', '0', '0', '1', '5'],
      ['二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '1'],
    ]);
    expect(values(s)).toEqual({
      't3.new_received.natural_person': 4, 't3.new_received.commercial': 0, 't3.new_received.research': 0, 't3.new_received.social_welfare': 0,
      't3.new_received.legal_services': 0, 't3.new_received.other_org': 1, 't3.new_received.total': 5,
      't3.carried_over.natural_person': 1, 't3.carried_over.commercial': 0, 't3.carried_over.research': 0, 't3.carried_over.social_welfare': 0,
      't3.carried_over.legal_services': 1, 't3.carried_over.other_org': null, 't3.carried_over.total': null,
    });
    expect(Object.entries(s.cells).every(([, c]) => c.assumedColumn)).toBe(true);
    expect(codes(s)[0]).toBe('header-unreadable');
  });

  it('reports a labelled row that names no standard row', () => {
    const { sink: s } = map([
      ...HEADER,
      ['一、本年新收政府信息公开申请数量', '<', '<', '1', '0', '0', '0', '0', '0', '1'],
      ['说明：本表不含咨询类申请', '<', '<', '1', '0', '0', '0', '0', '0', '1'],
    ]);
    expect(codes(s)).toEqual(['row-unmatched']);
    expect(Object.keys(s.cells)).toHaveLength(7);
  });
});
