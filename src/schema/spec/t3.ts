import type { AcrossYearsSpec, IdentitySpec, Version } from './types';

/**
 * Table 三 — 收到和处理政府信息公开申请情况, the same header in both formats
 * (../shared/spec/formats.md). Rows are listed in print order; a row `under` a heading row is
 * printed inside it (three levels: 一、 / （一） / 1.). Field codes are `t3.<row>.<column>`.
 */
export interface T3Row {
  key: string;
  /** The label as printed, with its numbering. Its core (numbering and notes removed) is matched. */
  label: string;
  /** Other names reports print for it (typos, abbreviations, 合计 for 总计). */
  aliases?: string[];
  /** The heading row this row is printed inside. */
  under?: string;
  /** Formats that print the row; both when omitted. */
  versions?: Version[];
  /**
   * A heading row that holds values itself in some formats: 2019's （六）其他处理 is one row, 2021
   * splits it into sub-rows. `code` is the row part of its field codes there.
   */
  ownValues?: { versions: Version[]; code: string };
}
export interface T3Column {
  key: string;
  label: string;
  aliases?: string[];
  /** The header group printed over it (法人或其他组织). */
  group?: string;
  /** Printed by a few reports but not a field of the format: reported, not mapped. */
  noField?: true;
}
export interface T3Spec {
  numeral: '三';
  title: string;
  header: {
    /** The top-left note; `noteCue`, a piece of it, marks a header cell even when the note is broken up. */
    note: string;
    noteCue: string;
    /** The group printed over all value columns. */
    applicants: string;
    /** The group over the organisation columns, and how reports also spell it. */
    orgGroup: string;
    orgGroupAliases: string[];
  };
  rows: T3Row[];
  columns: T3Column[];
  identities: IdentitySpec[];
  acrossYears: AcrossYearsSpec[];
}

const ORG = '法人或其他组织';
const R = 'results', W = 'withheld', U = 'unavailable', N = 'not_processed', O = 'other';

export const T3: T3Spec = {
  numeral: '三',
  title: '收到和处理政府信息公开申请情况',
  header: {
    note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    noteCue: '本列数据的勾稽关系',
    applicants: '申请人情况',
    orgGroup: ORG,
    orgGroupAliases: ['法人或者其他组织', '法人和其他组织'],
  },
  rows: [
    { key: 'new_received', label: '一、本年新收政府信息公开申请数量', aliases: ['本年新收申请数量'] },
    { key: 'carried_over', label: '二、上年结转政府信息公开申请数量', aliases: ['上年结转申请数量'] },
    { key: R, label: '三、本年度办理结果' },
    { key: 'granted', under: R, label: '（一）予以公开' },
    { key: 'partially_granted', under: R, label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
    { key: W, under: R, label: '（三）不予公开' },
    { key: 'withheld.state_secret', under: W, label: '1.属于国家秘密' },
    { key: 'withheld.prohibited_by_law', under: W, label: '2.其他法律行政法规禁止公开' },
    { key: 'withheld.security_stability', under: W, label: '3.危及“三安全一稳定”' },
    { key: 'withheld.third_party_rights', under: W, label: '4.保护第三方合法权益' },
    { key: 'withheld.internal_affairs', under: W, label: '5.属于三类内部事务信息' },
    { key: 'withheld.process_info', under: W, label: '6.属于四类过程性信息' },
    { key: 'withheld.enforcement_files', under: W, label: '7.属于行政执法案卷' },
    { key: 'withheld.admin_query', under: W, label: '8.属于行政查询事项' },
    { key: U, under: R, label: '（四）无法提供' },
    { key: 'unavailable.not_held', under: U, label: '1.本机关不掌握相关政府信息' },
    { key: 'unavailable.needs_creation', under: U, label: '2.没有现成信息需要另行制作' },
    { key: 'unavailable.unclear_after_correction', under: U, label: '3.补正后申请内容仍不明确' },
    { key: N, under: R, label: '（五）不予处理' },
    { key: 'not_processed.petition_complaint', under: N, label: '1.信访举报投诉类申请' },
    { key: 'not_processed.repeated', under: N, label: '2.重复申请' },
    { key: 'not_processed.publication', under: N, label: '3.要求提供公开出版物' },
    { key: 'not_processed.excessive', under: N, label: '4.无正当理由大量反复申请' },
    { key: 'not_processed.confirm_or_reissue', under: N, label: '5.要求行政机关确认或重新出具已获取信息' },
    { key: O, under: R, label: '（六）其他处理', aliases: ['其他'], ownValues: { versions: ['2019'], code: 'other.combined' } },
    { key: 'other.overdue_correction', under: O, versions: ['2021'], label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
    { key: 'other.overdue_fee', under: O, versions: ['2021'], label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
    { key: 'other.misc', under: O, versions: ['2021'], label: '3.其他' },
    { key: 'total_processed', under: R, label: '（七）总计', aliases: ['合计'] },
    { key: 'carried_forward', label: '四、结转下年度继续办理' },
  ],
  columns: [
    { key: 'natural_person', label: '自然人' },
    { key: 'commercial', group: ORG, label: '商业企业' },
    { key: 'research', group: ORG, label: '科研机构' },
    { key: 'social_welfare', group: ORG, label: '社会公益组织', aliases: ['社会公益'] },
    { key: 'legal_services', group: ORG, label: '法律服务机构' },
    { key: 'other_org', group: ORG, label: '其他' },
    { key: 'total', label: '总计', aliases: ['合计'] },
    { key: 'subtotal', group: ORG, label: '小计', noField: true },
  ],
  identities: [
    { id: 't3.balance', per: 'column', description: '一 + 二 = （七）总计 + 四',
      left: ['new_received', 'carried_over'], right: ['total_processed', 'carried_forward'] },
    { id: 't3.results_sum', per: 'column', description: '（七）总计 = （一）+（二）+（三）+（四）+（五）+（六）',
      left: ['total_processed'], right: { rowsUnder: R, except: ['total_processed'] } },
    { id: 't3.row_sum', per: 'row', description: '总计 = 自然人 + 法人或其他组织（5 列）', left: ['total'], right: { otherColumns: true } },
  ],
  acrossYears: [
    { id: 't3.carry_chain', description: '上年结转[Y] = 结转下年度继续办理[Y−1]', current: 'carried_over', previous: 'carried_forward' },
  ],
};
