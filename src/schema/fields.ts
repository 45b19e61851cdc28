/**
 * Every statistical cell of the 2019 and 2021 formats (../shared/spec/fields.csv, checked by a
 * test). Codes are `t2.<row>.<column>`, `t3.<row>.<applicant column>`, `t4.<block>.<column>`.
 */
export type Version = '2019' | '2021';

export interface FieldDef {
  code: string;
  versions: Version[];
  table: 2 | 3 | 4;
  group: string;
  rowLabel: string;
  columnLabel: string;
  unit: string;
  type: 'integer' | 'signed integer' | 'decimal';
}

const BOTH: Version[] = ['2019', '2021'];
const V21: Version[] = ['2021'];
const V19: Version[] = ['2019'];

// ---- table 二 -------------------------------------------------------------------------------
type T2Spec = [row: string, col: string, versions: Version[], group: string, rowLabel: string, colLabel: string, unit: string, type: FieldDef['type']];
const I1 = '第二十条第（一）项', I5 = '第二十条第（五）项', I6 = '第二十条第（六）项', I8 = '第二十条第（八）项', I9 = '第二十条第（九）项';
const T2: T2Spec[] = [
  ['regulations', 'issued', V21, I1, '规章', '本年制发件数', '件', 'integer'],
  ['regulations', 'repealed', V21, I1, '规章', '本年废止件数', '件', 'integer'],
  ['regulations', 'in_force', V21, I1, '规章', '现行有效件数', '件', 'integer'],
  ['normative_docs', 'issued', V21, I1, '行政规范性文件', '本年制发件数', '件', 'integer'],
  ['normative_docs', 'repealed', V21, I1, '行政规范性文件', '本年废止件数', '件', 'integer'],
  ['normative_docs', 'in_force', V21, I1, '行政规范性文件', '现行有效件数', '件', 'integer'],
  ['licensing', 'decisions', BOTH, I5, '行政许可', '本年处理决定数量 (2019: 处理决定数量)', '件', 'integer'],
  ['penalty', 'decisions', BOTH, I6, '行政处罚', '本年处理决定数量 (2019: 处理决定数量)', '件', 'integer'],
  ['coercion', 'decisions', BOTH, I6, '行政强制', '本年处理决定数量 (2019: 处理决定数量)', '件', 'integer'],
  ['fees', 'amount', V21, I8, '行政事业性收费', '本年收费金额（单位：万元）', '万元', 'decimal'],
  ['regulations', 'new_made', V19, I1, '规章', '本年新制作数量', '件', 'integer'],
  ['regulations', 'new_published', V19, I1, '规章', '本年新公开数量', '件', 'integer'],
  ['regulations', 'total_published', V19, I1, '规章', '对外公开总数量', '件', 'integer'],
  ['normative_docs', 'new_made', V19, I1, '规范性文件', '本年新制作数量', '件', 'integer'],
  ['normative_docs', 'new_published', V19, I1, '规范性文件', '本年新公开数量', '件', 'integer'],
  ['normative_docs', 'total_published', V19, I1, '规范性文件', '对外公开总数量', '件', 'integer'],
  ['licensing', 'prev_items', V19, I5, '行政许可', '上一年项目数量', '项', 'integer'],
  ['licensing', 'change', V19, I5, '行政许可', '本年增/减', '项', 'signed integer'],
  ['other_services', 'prev_items', V19, I5, '其他对外管理服务事项', '上一年项目数量', '项', 'integer'],
  ['other_services', 'change', V19, I5, '其他对外管理服务事项', '本年增/减', '项', 'signed integer'],
  ['other_services', 'decisions', V19, I5, '其他对外管理服务事项', '处理决定数量', '件', 'integer'],
  ['penalty', 'prev_items', V19, I6, '行政处罚', '上一年项目数量', '项', 'integer'],
  ['penalty', 'change', V19, I6, '行政处罚', '本年增/减', '项', 'signed integer'],
  ['coercion', 'prev_items', V19, I6, '行政强制', '上一年项目数量', '项', 'integer'],
  ['coercion', 'change', V19, I6, '行政强制', '本年增/减', '项', 'signed integer'],
  ['fees', 'prev_items', V19, I8, '行政事业性收费', '上一年项目数量', '项', 'integer'],
  ['fees', 'change', V19, I8, '行政事业性收费', '本年增/减', '项', 'signed integer'],
  ['procurement', 'items', V19, I9, '政府集中采购', '采购项目数量', '项', 'integer'],
  ['procurement', 'amount', V19, I9, '政府集中采购', '采购总金额', '元', 'decimal'],
];

// ---- table 三 -------------------------------------------------------------------------------
export interface T3RowDef {
  key: string;
  versions: Version[];
  /** Label path as in fields.csv. */
  label: string;
}
const R3 = '三、本年度办理结果';
export const T3_ROWS: T3RowDef[] = [
  { key: 'new_received', versions: BOTH, label: '一、本年新收政府信息公开申请数量' },
  { key: 'carried_over', versions: BOTH, label: '二、上年结转政府信息公开申请数量' },
  { key: 'granted', versions: BOTH, label: `${R3} / （一）予以公开` },
  { key: 'partially_granted', versions: BOTH, label: `${R3} / （二）部分公开（区分处理的，只计这一情形，不计其他情形）` },
  ...[
    ['state_secret', '1.属于国家秘密'], ['prohibited_by_law', '2.其他法律行政法规禁止公开'],
    ['security_stability', '3.危及“三安全一稳定”'], ['third_party_rights', '4.保护第三方合法权益'],
    ['internal_affairs', '5.属于三类内部事务信息'], ['process_info', '6.属于四类过程性信息'],
    ['enforcement_files', '7.属于行政执法案卷'], ['admin_query', '8.属于行政查询事项'],
  ].map(([k, l]) => ({ key: `withheld.${k}`, versions: BOTH, label: `${R3} / （三）不予公开 / ${l}` })),
  ...[
    ['not_held', '1.本机关不掌握相关政府信息'], ['needs_creation', '2.没有现成信息需要另行制作'],
    ['unclear_after_correction', '3.补正后申请内容仍不明确'],
  ].map(([k, l]) => ({ key: `unavailable.${k}`, versions: BOTH, label: `${R3} / （四）无法提供 / ${l}` })),
  ...[
    ['petition_complaint', '1.信访举报投诉类申请'], ['repeated', '2.重复申请'], ['publication', '3.要求提供公开出版物'],
    ['excessive', '4.无正当理由大量反复申请'], ['confirm_or_reissue', '5.要求行政机关确认或重新出具已获取信息'],
  ].map(([k, l]) => ({ key: `not_processed.${k}`, versions: BOTH, label: `${R3} / （五）不予处理 / ${l}` })),
  { key: 'other.combined', versions: V19, label: `${R3} / （六）其他处理` },
  ...[
    ['overdue_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['overdue_fee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['misc', '3.其他'],
  ].map(([k, l]) => ({ key: `other.${k}`, versions: V21, label: `${R3} / （六）其他处理 / ${l}` })),
  { key: 'total_processed', versions: BOTH, label: `${R3} / （七）总计` },
  { key: 'carried_forward', versions: BOTH, label: '四、结转下年度继续办理' },
];
export const T3_COLUMNS: { key: string; label: string }[] = [
  { key: 'natural_person', label: '自然人' },
  { key: 'commercial', label: '法人或其他组织 / 商业企业' },
  { key: 'research', label: '法人或其他组织 / 科研机构' },
  { key: 'social_welfare', label: '法人或其他组织 / 社会公益组织' },
  { key: 'legal_services', label: '法人或其他组织 / 法律服务机构' },
  { key: 'other_org', label: '法人或其他组织 / 其他' },
  { key: 'total', label: '总计' },
];

// ---- table 四 -------------------------------------------------------------------------------
export const T4_BLOCKS = [
  { key: 'review', label: '行政复议' },
  { key: 'suit_direct', label: '行政诉讼 / 未经复议直接起诉' },
  { key: 'suit_after_review', label: '行政诉讼 / 复议后起诉' },
];
export const T4_COLUMNS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

function build(): FieldDef[] {
  const out: FieldDef[] = T2.map(([row, col, versions, group, rowLabel, columnLabel, unit, type]) => ({
    code: `t2.${row}.${col}`, versions, table: 2 as const, group, rowLabel, columnLabel, unit, type,
  }));
  for (const r of T3_ROWS) {
    for (const c of T3_COLUMNS) {
      out.push({ code: `t3.${r.key}.${c.key}`, versions: r.versions, table: 3, group: '收到和处理政府信息公开申请情况',
        rowLabel: r.label, columnLabel: c.label, unit: '件', type: 'integer' });
    }
  }
  for (const b of T4_BLOCKS) {
    for (const c of T4_COLUMNS) {
      out.push({ code: `t4.${b.key}.${c.key}`, versions: BOTH, table: 4, group: '政府信息公开行政复议、行政诉讼情况',
        rowLabel: b.label, columnLabel: c.label, unit: '件', type: 'integer' });
    }
  }
  return out;
}

export const FIELDS: FieldDef[] = build();
export const FIELD_BY_CODE: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.code, f]));

/** Codes a table of the given shape prints. */
export function codesFor(table: 2 | 3 | 4, version: Version): string[] {
  return FIELDS.filter((f) => f.table === table && f.versions.includes(version)).map((f) => f.code);
}
