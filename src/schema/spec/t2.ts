import type { AcrossYearsSpec, Printed, ValueType, Version } from './types';

/**
 * Table 二 — 主动公开政府信息情况 (../shared/spec/formats.md). Each 第二十条 item is a caption row
 * followed by a header row (信息内容 + the item's columns) and its rows. The 2021 and 2019 formats
 * print different columns for the same rows: every row lists, per format, the columns it prints.
 * Field codes are `t2.<row>.<column>`.
 */
export interface T2Column {
  key: string;
  /** The header as printed (per format when the formats word it differently). */
  label: Printed;
  /** Other headers reports print for it. */
  aliases?: string[];
  unit?: Printed;
  type?: ValueType;
}
export interface T2Row {
  key: string;
  /** The 第二十条 item whose block the row stands in. */
  item: string;
  label: Printed;
  aliases?: string[];
  /** The columns the row prints in each format. */
  columns: Partial<Record<Version, string[]>>;
}
export interface T2Spec {
  numeral: '二';
  title: string;
  /** Caption rows start with this ("第二十条第（一）项"); header rows start with `corner`. */
  captionCue: string;
  corner: string;
  /** Columns in print order (left to right, 2021 before 2019 where both could stand). */
  columns: T2Column[];
  /** Rows in print order. */
  rows: T2Row[];
  acrossYears: AcrossYearsSpec[];
}

const I1 = '第二十条第（一）项', I5 = '第二十条第（五）项', I6 = '第二十条第（六）项', I8 = '第二十条第（八）项', I9 = '第二十条第（九）项';
const DOCS_21 = ['issued', 'repealed', 'in_force'], DOCS_19 = ['new_made', 'new_published', 'total_published'];
const ITEMS_19 = ['prev_items', 'change', 'decisions'];

export const T2: T2Spec = {
  numeral: '二',
  title: '主动公开政府信息情况',
  captionCue: '第二十条',
  corner: '信息内容',
  columns: [
    { key: 'issued', label: '本年制发件数', aliases: ['本年制发数量'] },
    { key: 'repealed', label: '本年废止件数', aliases: ['本年废止数量'] },
    { key: 'in_force', label: '现行有效件数', aliases: ['现行有效数量'] },
    { key: 'new_made', label: '本年新制作数量' },
    { key: 'new_published', label: '本年新公开数量' },
    { key: 'total_published', label: '对外公开总数量' },
    { key: 'prev_items', label: '上一年项目数量', unit: '项' },
    { key: 'change', label: '本年增/减', aliases: ['本年增减'], unit: '项', type: 'signed integer' },
    { key: 'decisions', label: { 2021: '本年处理决定数量', 2019: '处理决定数量' } },
    { key: 'items', label: '采购项目数量', unit: '项' },
    // 2021: the fee total of 行政事业性收费 (万元); 2019: the 政府集中采购 total, often printed with its unit.
    { key: 'amount', label: { 2021: '本年收费金额（单位：万元）', 2019: '采购总金额' }, unit: { 2021: '万元', 2019: '元' }, type: 'decimal' },
  ],
  rows: [
    { key: 'regulations', item: I1, label: '规章', columns: { 2021: DOCS_21, 2019: DOCS_19 } },
    { key: 'normative_docs', item: I1, label: { 2021: '行政规范性文件', 2019: '规范性文件' }, columns: { 2021: DOCS_21, 2019: DOCS_19 } },
    { key: 'licensing', item: I5, label: '行政许可', columns: { 2021: ['decisions'], 2019: ITEMS_19 } },
    { key: 'other_services', item: I5, label: '其他对外管理服务事项', columns: { 2019: ITEMS_19 } },
    { key: 'penalty', item: I6, label: '行政处罚', columns: { 2021: ['decisions'], 2019: ITEMS_19 } },
    { key: 'coercion', item: I6, label: '行政强制', columns: { 2021: ['decisions'], 2019: ITEMS_19 } },
    { key: 'fees', item: I8, label: '行政事业性收费', columns: { 2021: ['amount'], 2019: ['prev_items', 'change'] } },
    { key: 'procurement', item: I9, label: '政府集中采购', columns: { 2019: ['items', 'amount'] } },
  ],
  acrossYears: [
    { id: 't2.in_force_chain', rows: ['regulations', 'normative_docs'], current: 'in_force', previous: 'in_force', plus: ['issued'], minus: ['repealed'],
      description: '现行有效件数[Y] ≈ 现行有效件数[Y−1] + 本年制发件数[Y] − 本年废止件数[Y] (自然失效 may break it)' },
  ],
};
