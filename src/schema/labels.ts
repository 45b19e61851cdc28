import { similarity, splitLabel, type SplitLabel } from './normalize';

/** One entry of a label dictionary: a key and the printed names it goes by. */
export interface LabelEntry {
  key: string;
  names: string[];
  /** Numbering kind the label normally carries; used to break ties ("（六）其他" vs "3.其他"). */
  kind?: SplitLabel['kind'];
  /** For table 三 leaves: the group they belong to. */
  parent?: string;
}

export interface LabelMatch {
  entry: LabelEntry;
  score: number;
  split: SplitLabel;
}

/** Minimum similarity for a fuzzy label match (typos, OCR errors, punctuation variants).
 * 0.8 lets "其他法律行政止公开" match "其他法律行政法规禁止公开" (0.86) while keeping
 * "不予公开" away from "予以公开" (0.75). Short names (≤ 4 characters) must match exactly. */
export const FUZZY_LABEL_THRESHOLD = 0.8;

const stripPunct = (s: string) => s.replace(/[、,.;:!?\-—_/|]/g, '');

/** Scores per entry object and core: pure (entries are never edited), and the same cores are
 * scored again and again (LCS is the costly part). Keyed weakly: entries built on the fly go away. */
const scoreCache = new WeakMap<LabelEntry, Map<string, number>>();
const SCORE_MEMO_LIMIT = 20_000;

/** Score a label core against an entry: 1 exact, 0.95 containment of a longer name, else fuzzy. */
function scoreEntry(core: string, e: LabelEntry): number {
  let m = scoreCache.get(e);
  if (!m) scoreCache.set(e, (m = new Map()));
  let v = m.get(core);
  if (v === undefined) {
    v = scoreEntryUncached(core, e);
    if (m.size >= SCORE_MEMO_LIMIT) m.clear();
    m.set(core, v);
  }
  return v;
}

function scoreEntryUncached(core: string, e: LabelEntry): number {
  let best = 0;
  const c = stripPunct(core);
  for (const raw of e.names) {
    const n = stripPunct(raw);
    if (c === n) return 1;
    if (n.length >= 2 && c.length > n.length && c.startsWith(n) && n.length / c.length >= 0.5) best = Math.max(best, 0.95);
    if (n.length > 4 && c.length > 4) {
      const s = similarity(c, n);
      if (s >= FUZZY_LABEL_THRESHOLD) best = Math.max(best, s);
    }
  }
  return best;
}

/**
 * Match a printed label against a dictionary. Returns the best entry, or null when nothing is
 * close enough or two entries tie (an ambiguous label is never guessed).
 */
export function matchLabel(label: string, entries: LabelEntry[], prefer?: (e: LabelEntry) => boolean): LabelMatch | null {
  const split = splitLabel(label);
  if (!split.core) return null;
  const scored = entries
    .map((entry) => {
      let score = scoreEntry(split.core, entry);
      if (score > 0 && split.kind && entry.kind && split.kind !== entry.kind) score -= 0.02;
      if (score > 0 && prefer && prefer(entry)) score += 0.01;
      return { entry, score, split };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
  if (!scored.length) return null;
  if (scored.length > 1 && Math.abs(scored[0].score - scored[1].score) < 1e-9 && scored[0].entry.key !== scored[1].entry.key) return null;
  return scored[0];
}

// ---- table 三 rows -----------------------------------------------------------------------
export const T3_TOP: LabelEntry[] = [
  { key: 'new_received', names: ['本年新收政府信息公开申请数量', '本年新收申请数量'], kind: 'top' },
  { key: 'carried_over', names: ['上年结转政府信息公开申请数量', '上年结转申请数量'], kind: 'top' },
  { key: 'results', names: ['本年度办理结果'], kind: 'top' },
  { key: 'carried_forward', names: ['结转下年度继续办理'], kind: 'top' },
];
export const T3_GROUPS: LabelEntry[] = [
  { key: 'granted', names: ['予以公开'], kind: 'paren' },
  { key: 'partially_granted', names: ['部分公开'], kind: 'paren' },
  { key: 'withheld', names: ['不予公开'], kind: 'paren' },
  { key: 'unavailable', names: ['无法提供'], kind: 'paren' },
  { key: 'not_processed', names: ['不予处理'], kind: 'paren' },
  { key: 'other', names: ['其他处理', '其他'], kind: 'paren' },
  { key: 'total_processed', names: ['总计', '合计'], kind: 'paren' },
];
const leaves = (parent: string, items: [string, string][]): LabelEntry[] =>
  items.map(([k, n]) => ({ key: `${parent}.${k}`, names: [n], kind: 'arabic' as const, parent }));
export const T3_LEAVES: LabelEntry[] = [
  ...leaves('withheld', [
    ['state_secret', '属于国家秘密'], ['prohibited_by_law', '其他法律行政法规禁止公开'],
    ['security_stability', '危及三安全一稳定'], ['third_party_rights', '保护第三方合法权益'],
    ['internal_affairs', '属于三类内部事务信息'], ['process_info', '属于四类过程性信息'],
    ['enforcement_files', '属于行政执法案卷'], ['admin_query', '属于行政查询事项'],
  ]),
  ...leaves('unavailable', [
    ['not_held', '本机关不掌握相关政府信息'], ['needs_creation', '没有现成信息需要另行制作'],
    ['unclear_after_correction', '补正后申请内容仍不明确'],
  ]),
  ...leaves('not_processed', [
    ['petition_complaint', '信访举报投诉类申请'], ['repeated', '重复申请'], ['publication', '要求提供公开出版物'],
    ['excessive', '无正当理由大量反复申请'], ['confirm_or_reissue', '要求行政机关确认或重新出具已获取信息'],
  ]),
  ...leaves('other', [
    ['overdue_correction', '申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请'],
    ['overdue_fee', '申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请'],
    ['misc', '其他'],
  ]),
];

// ---- table 三 columns ----------------------------------------------------------------------
export const T3_COLUMN_LABELS: LabelEntry[] = [
  { key: 'natural_person', names: ['自然人'] },
  { key: 'commercial', names: ['商业企业'] },
  { key: 'research', names: ['科研机构'] },
  { key: 'social_welfare', names: ['社会公益组织', '社会公益'] },
  { key: 'legal_services', names: ['法律服务机构'] },
  { key: 'other_org', names: ['其他'] },
  { key: 'total', names: ['总计', '合计'] },
  /** Printed by a few reports for 法人或其他组织; no field code, so reported, not mapped. */
  { key: 'subtotal', names: ['小计'] },
];
/** Header words that are structure, not value columns. */
export const T3_HEADER_GROUPS = ['申请人情况', '法人或其他组织', '本列数据的勾稽关系'];

// ---- table 四 ------------------------------------------------------------------------------
export const T4_BLOCK_LABELS: LabelEntry[] = [
  { key: 'review', names: ['行政复议'] },
  { key: 'suit_direct', names: ['未经复议直接起诉'] },
  { key: 'suit_after_review', names: ['复议后起诉'] },
];
export const T4_COLUMN_LABELS: LabelEntry[] = [
  { key: 'upheld', names: ['结果维持'] },
  { key: 'corrected', names: ['结果纠正'] },
  { key: 'other', names: ['其他结果'] },
  { key: 'pending', names: ['尚未审结'] },
  { key: 'total', names: ['总计', '合计'] },
];

// ---- table 二 ------------------------------------------------------------------------------
export const T2_ROW_LABELS: LabelEntry[] = [
  { key: 'regulations', names: ['规章'] },
  { key: 'normative_docs', names: ['行政规范性文件', '规范性文件'] },
  { key: 'licensing', names: ['行政许可'] },
  { key: 'other_services', names: ['其他对外管理服务事项'] },
  { key: 'penalty', names: ['行政处罚'] },
  { key: 'coercion', names: ['行政强制'] },
  { key: 'fees', names: ['行政事业性收费'] },
  { key: 'procurement', names: ['政府集中采购'] },
];
export const T2_COLUMN_LABELS: LabelEntry[] = [
  { key: 'issued', names: ['本年制发件数', '本年制发数量'] },
  { key: 'repealed', names: ['本年废止件数', '本年废止数量'] },
  { key: 'in_force', names: ['现行有效件数', '现行有效数量'] },
  { key: 'decisions', names: ['本年处理决定数量', '处理决定数量'] },
  { key: 'amount', names: ['本年收费金额', '采购总金额'] },
  { key: 'new_made', names: ['本年新制作数量'] },
  { key: 'new_published', names: ['本年新公开数量'] },
  { key: 'total_published', names: ['对外公开总数量'] },
  { key: 'prev_items', names: ['上一年项目数量'] },
  { key: 'change', names: ['本年增/减', '本年增减'] },
  { key: 'items', names: ['采购项目数量'] },
];
