import type { IdentitySpec } from './types';

/**
 * Table 四 — 政府信息公开行政复议、行政诉讼情况, the same in both formats
 * (../shared/spec/formats.md): three blocks side by side, each with the same five columns, one
 * row of 15 values and no row label. Field codes are `t4.<block>.<column>`.
 */
export interface T4Block {
  key: string;
  label: string;
  /** Other names; a short header cell or a caption containing any name names the block. */
  aliases?: string[];
  /** The header group printed over it (行政诉讼). */
  group?: string;
}
export interface T4Column { key: string; label: string; aliases?: string[] }
export interface T4Spec {
  numeral: '四';
  title: string;
  /** Blocks in print order. */
  blocks: T4Block[];
  columns: T4Column[];
  /**
   * Words that say a grid is table 四, with their weight (two points make a table 四).
   * 结果维持 counts double: no other table prints it.
   */
  cues: [text: string, weight: number][];
  identities: IdentitySpec[];
}

const SUIT = '行政诉讼';

export const T4: T4Spec = {
  numeral: '四',
  title: '政府信息公开行政复议、行政诉讼情况',
  blocks: [
    { key: 'review', label: '行政复议' },
    { key: 'suit_direct', group: SUIT, label: '未经复议直接起诉', aliases: ['直接起诉'] },
    { key: 'suit_after_review', group: SUIT, label: '复议后起诉' },
  ],
  columns: [
    { key: 'upheld', label: '结果维持' },
    { key: 'corrected', label: '结果纠正' },
    { key: 'other', label: '其他结果' },
    { key: 'pending', label: '尚未审结' },
    { key: 'total', label: '总计', aliases: ['合计'] },
  ],
  cues: [['行政复议', 1], [SUIT, 1], ['结果维持', 2], ['尚未审结', 1]],
  identities: [
    { id: 't4.block_sum', per: 'block', description: '结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计', left: { otherColumns: true }, right: ['total'] },
  ],
};
