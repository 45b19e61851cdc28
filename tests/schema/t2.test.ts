import { classify, recognize } from '../../src/schema/recognize';
import { CellSink } from '../../src/schema/mapping';
import { mapT2, newT2State } from '../../src/schema/t2';
import { codes, grid, values } from './grid';

const map = (rows: string[][]) => {
  const sink = new CellSink(0);
  const state = newT2State();
  mapT2(grid(rows), 0, state, sink);
  return { sink, state };
};

const T2_2021 = [
  ['第二十条第（一）项', '<', '<', '<'],
  ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
  ['规章', '1', '', '5'],
  ['行政规范性文件', '3', '1', '12'],
  ['第二十条第（五）项', '<', '<', '<'],
  ['信息内容', '本年处理决定数量', '<', '<'],
  ['行政许可', '120', '<', '<'],
  ['第二十条第（六）项', '<', '<', '<'],
  ['信息内容', '本年处理决定数量', '<', '<'],
  ['行政处罚', '45', '<', '<'],
  ['行政强制', '—', '<', '<'],
  ['第二十条第（八）项', '<', '<', '<'],
  ['信息内容', '本年收费金额（单位：万元）', '<', '<'],
  ['行政事业性收费', '7730.28', '<', '<'],
];

describe('table 二 mapper', () => {
  it('reads a header that a narrow column wrapped over rows of its own, unit included', () => {
    const rows = [...T2_2021.slice(0, 11), ['第二十条第（八）项', '<'], ['', '本年收费'], ['信息内容', '金额（单'], ['', '位：万元）'], ['行政事业性收费', '25.1']].map((r) => r.slice(0, 2));
    const { sink } = map(rows);
    expect(sink.cells['t2.fees.amount']).toMatchObject({ value: 25.1, columnLabel: '本年收费金额（单位：万元）' });
    expect(sink.messages.filter((m) => m.code === 'cell-not-in-schema')).toEqual([]);
  });

  it('maps every cell of a 2021 table by its row and column labels; blank and placeholder cells are null, not 0', () => {
    const { sink, state } = map(T2_2021);
    expect(values(sink)).toEqual({
      't2.regulations.issued': 1, 't2.regulations.repealed': null, 't2.regulations.in_force': 5,
      't2.normative_docs.issued': 3, 't2.normative_docs.repealed': 1, 't2.normative_docs.in_force': 12,
      't2.licensing.decisions': 120, 't2.penalty.decisions': 45, 't2.coercion.decisions': null, 't2.fees.amount': 7730.28,
    });
    expect(sink.cells['t2.coercion.decisions'].raw).toBe('—');
    expect(sink.cells['t2.regulations.repealed'].columnLabel).toBe('本年废止件数');
    expect([...state.shape]).toEqual(['2021']);
    expect(codes(sink)).toEqual([]);
  });

  it('follows the printed header order, not the standard one', () => {
    const { sink } = map([
      ['信息内容', '现行有效件数', '本年制发件数', '本年废止件数'],
      ['规章', '5', '1', '0'],
    ]);
    expect(values(sink)).toEqual({ 't2.regulations.in_force': 5, 't2.regulations.issued': 1, 't2.regulations.repealed': 0 });
  });

  it('knows rows by their aliases and annotated labels', () => {
    const { sink } = map([
      ['信息内容', '本年制发数量', '本年废止件数', '现行有效件数'],
      ['规章（设区的市、自治州人民政府应提供相关数据）', '2', '0', '9'],
      ['规范性文件', '4', '1', '22（其中修订16件）'],
    ]);
    expect(values(sink)).toMatchObject({ 't2.regulations.issued': 2, 't2.normative_docs.issued': 4, 't2.normative_docs.in_force': 22 });
    expect(sink.messages.find((m) => m.field === 't2.normative_docs.in_force')?.code).toBe('value-prose');
  });

  it('reads a 2019 table: signed changes, amounts with their unit converted to 元, and its shape', () => {
    const { sink, state } = map([
      ['第二十条第（一）项', '<', '<', '<'],
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
      ['规章', '0', '0', '3'],
      ['第二十条第（五）项', '<', '<', '<'],
      ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
      ['行政许可', '30', '+173', '5000'],
      ['其他对外管理服务事项', '4', '-2', '60'],
      ['第二十条第（九）项', '<', '<', '<'],
      ['信息内容', '采购项目数量', '采购总金额', '<'],
      ['政府集中采购', '3', '25.1万元', '<'],
    ]);
    expect(values(sink)).toEqual({
      't2.regulations.new_made': 0, 't2.regulations.new_published': 0, 't2.regulations.total_published': 3,
      't2.licensing.prev_items': 30, 't2.licensing.change': 173, 't2.licensing.decisions': 5000,
      't2.other_services.prev_items': 4, 't2.other_services.change': -2, 't2.other_services.decisions': 60,
      't2.procurement.items': 3, 't2.procurement.amount': 251000,
    });
    expect([...state.shape]).toEqual(['2019']);
    expect(sink.messages.find((m) => m.field === 't2.procurement.amount')?.code).toBe('value-unit-converted');
    // A count field printed negative is flagged; 本年增/减 is signed and is not.
    expect(sink.cells['t2.other_services.change'].lowConfidence).toBeUndefined();
  });

  it('reports rows it cannot place instead of guessing', () => {
    const unmatched = map([
      ['信息内容', '本年处理决定数量'],
      ['其他主动公开文件', '7'],
    ]);
    expect(values(unmatched.sink)).toEqual({});
    expect(codes(unmatched.sink)).toEqual(['row-unmatched']);
    const headless = map([['规章', '1', '0', '5']]);
    expect(values(headless.sink)).toEqual({});
    expect(codes(headless.sink)).toEqual(['header-missing']);
  });

  it('is recognized as table 二 and summarized with its expected and null cells', () => {
    expect(classify(grid(T2_2021))).toBe(2);
    const rec = recognize({ format: 'html', blocks: [{ kind: 'table', table: grid(T2_2021) }] });
    expect(rec.tables).toEqual([expect.objectContaining({ table: 2, formatVersion: '2021', cellsExpected: 10, cellsFound: 10, cellsNull: 2 })]);
    expect(rec.shapes).toEqual({ 2: '2021' });
  });
});
