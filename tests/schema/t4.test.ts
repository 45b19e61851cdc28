import { runChecks } from '../../src/checks/identities';
import { CellSink } from '../../src/schema/mapping';
import { classify } from '../../src/schema/recognize';
import { mapT4 } from '../../src/schema/t4';
import { codes, grid, values } from './grid';

const LEAVES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const map = (rows: string[][], context: string[] = [], method?: string) => {
  const sink = new CellSink(0);
  const table = grid(rows, method);
  const found = mapT4(table, 0, context, sink);
  return { sink, found, table };
};

describe('table 四 mapper', () => {
  const spanned = [
    ['行政复议', '<', '<', '<', '<', '行政诉讼', '<', '<', '<', '<', '<', '<', '<', '<', '<'],
    ['^', '^', '^', '^', '^', '未经复议直接起诉', '<', '<', '<', '<', '复议后起诉', '<', '<', '<', '<'],
    [...LEAVES, ...LEAVES, ...LEAVES],
    ['10', '1', '0', '0', '0', '2', '', '0', '1', '3', '0', '0', '0', '0', '0'],
  ];

  it('puts each column under the block whose header spans it', () => {
    const { sink, table } = map(spanned);
    expect(classify(table)).toBe(4);
    expect(values(sink)).toEqual({
      't4.review.upheld': 10, 't4.review.corrected': 1, 't4.review.other': 0, 't4.review.pending': 0, 't4.review.total': 0,
      't4.suit_direct.upheld': 2, 't4.suit_direct.corrected': null, 't4.suit_direct.other': 0, 't4.suit_direct.pending': 1, 't4.suit_direct.total': 3,
      't4.suit_after_review.upheld': 0, 't4.suit_after_review.corrected': 0, 't4.suit_after_review.other': 0, 't4.suit_after_review.pending': 0, 't4.suit_after_review.total': 0,
    });
    expect(sink.cells['t4.suit_direct.upheld']).toMatchObject({ rowLabel: '行政诉讼 / 未经复议直接起诉', columnLabel: '行政诉讼 / 未经复议直接起诉 / 结果维持' });
  });

  it('reports a wrong block total as printed, and skips a block with a blank cell', () => {
    const { sink } = map(spanned);
    const checks = runChecks(sink.cells).filter((c) => c.id === 't4.block_sum');
    expect(checks.map((c) => [c.scope, c.outcome, c.left, c.right])).toEqual([
      ['table 四 行政复议', 'fail', 11, 0],
      ['table 四 行政诉讼 / 未经复议直接起诉', 'skipped', null, null],
      ['table 四 行政诉讼 / 复议后起诉', 'pass', 0, 0],
    ]);
    expect(checks[1].missing).toEqual(['t4.suit_direct.corrected']);
    expect(sink.cells['t4.review.total'].value).toBe(0);
  });

  it('without spans, gives the k-th run of columns to the k-th block', () => {
    const { sink } = map([
      ['行政复议', '未经复议直接起诉', '复议后起诉'],
      [...LEAVES, ...LEAVES, ...LEAVES],
      ['1', '0', '0', '0', '1', '2', '0', '0', '0', '2', '3', '0', '0', '0', '3'],
    ], [], 'text-tabs');
    expect(values(sink)).toMatchObject({ 't4.review.total': 1, 't4.suit_direct.upheld': 2, 't4.suit_after_review.total': 3 });
  });

  it('names a block printed as its own table by its caption, and refuses to guess without one', () => {
    const alone = [LEAVES, ['1', '0', '0', '2', '3']];
    const { sink } = map(alone, ['（三）行政诉讼（复议后起诉）']);
    expect(values(sink)).toEqual({ 't4.suit_after_review.upheld': 1, 't4.suit_after_review.corrected': 0, 't4.suit_after_review.other': 0, 't4.suit_after_review.pending': 2, 't4.suit_after_review.total': 3 });
    const { sink: none, found } = map(alone);
    expect(found).toBe(true);
    expect(values(none)).toEqual({});
    expect(codes(none)).toEqual(['header-unreadable']);
  });

  it('refuses a value row that does not fit the columns', () => {
    const { sink } = map([['行政复议', '<', '<', '<', '<'], LEAVES, ['1', '2', '3', '4', '5', '6']], [], 'text-spaces');
    expect(values(sink)).toEqual({});
    expect(codes(sink)).toEqual(['row-unmappable']);
  });
});
