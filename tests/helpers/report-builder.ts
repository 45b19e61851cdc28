/**
 * Builds synthetic report documents (HTML with real rowspan/colspan, or tab-separated text) for a
 * chosen table shape, with known values, so tests can assert every mapped cell.
 */
export type Shape = '2021' | '2019' | 'hybrid';

export interface BuiltReport { html: string; text: string; expected: Record<string, number | null>; title: string }

/**
 * How the printed values vary (all seeded, so a variant is reproducible):
 * - `blanks`: share of zero cells printed as an empty cell (a null value, not a zero);
 * - `dashes`: share of the remaining zero cells printed as a placeholder dash ("—", "-", "/"): null too;
 * - `large`: natural-person counts in the thousands, so numbers are wider than the narrowest headers;
 * - `outline`: `appendix` numbers the narrative chapters 一…六 and restarts at 一 for the tables,
 *   with the issuing body on its own line above the title, as many reports do.
 */
export interface Variant { seed?: number; blanks?: number; dashes?: number; large?: boolean; outline?: 'standard' | 'appendix' }

/** Small seeded PRNG (mulberry32): variants must be reproducible from their seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DASHES = ['—', '-', '/', '——'];

const T3_COLS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_services', 'other_org', 'total'];

interface T3Row { key: string; labels: string[] }
const T3_BASE: T3Row[] = [
  { key: 'new_received', labels: ['一、本年新收政府信息公开申请数量'] },
  { key: 'carried_over', labels: ['二、上年结转政府信息公开申请数量'] },
  { key: 'granted', labels: ['三、本年度办理结果', '（一）予以公开'] },
  { key: 'partially_granted', labels: ['三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'] },
  ...['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']
    .map((l, i) => ({ key: `withheld.${['state_secret', 'prohibited_by_law', 'security_stability', 'third_party_rights', 'internal_affairs', 'process_info', 'enforcement_files', 'admin_query'][i]}`, labels: ['三、本年度办理结果', '（三）不予公开', l] })),
  ...['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']
    .map((l, i) => ({ key: `unavailable.${['not_held', 'needs_creation', 'unclear_after_correction'][i]}`, labels: ['三、本年度办理结果', '（四）无法提供', l] })),
  ...['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息']
    .map((l, i) => ({ key: `not_processed.${['petition_complaint', 'repeated', 'publication', 'excessive', 'confirm_or_reissue'][i]}`, labels: ['三、本年度办理结果', '（五）不予处理', l] })),
];
const T3_OTHER_2021: T3Row[] = ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他']
  .map((l, i) => ({ key: `other.${['overdue_correction', 'overdue_fee', 'misc'][i]}`, labels: ['三、本年度办理结果', '（六）其他处理', l] }));
const T3_OTHER_2019: T3Row[] = [{ key: 'other.combined', labels: ['三、本年度办理结果', '（六）其他处理'] }];
const T3_END: T3Row[] = [
  { key: 'total_processed', labels: ['三、本年度办理结果', '（七）总计'] },
  { key: 'carried_forward', labels: ['四、结转下年度继续办理'] },
];

/** Deterministic small numbers; every row sums consistently so identities pass. */
function t3Values(rows: T3Row[], large = false): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const results = rows.filter((r) => !['new_received', 'carried_over', 'total_processed', 'carried_forward'].includes(r.key));
  results.forEach((r, i) => { const np = ((i * 3) % 7) * (large ? 1371 : 1); const c = i % 2; out[r.key] = [np, c, 0, 0, 0, 0, np + c]; });
  const sum = (k: number) => results.reduce((s, r) => s + out[r.key][k], 0);
  out.total_processed = T3_COLS.map((_, k) => sum(k));
  out.carried_forward = [2, 0, 0, 0, 0, 0, 2];
  out.carried_over = [1, 0, 0, 0, 0, 0, 1];
  out.new_received = out.total_processed.map((v, k) => v + out.carried_forward[k] - out.carried_over[k]);
  return out;
}

export function buildReport(shape: Shape, opts: { agency?: string; year?: number; t4?: number[]; variant?: Variant } = {}): BuiltReport {
  const agency = opts.agency ?? '某某市测试局';
  const year = opts.year ?? (shape === '2019' ? 2020 : 2022);
  const v = opts.variant ?? {};
  const rand = rng(v.seed ?? 1);
  // Printed form of a zero: kept, left blank, or a dash; the expected value follows what is printed.
  const zero = (): string => {
    const r = rand();
    if (r < (v.blanks ?? 0)) return '';
    if (r < (v.blanks ?? 0) + (v.dashes ?? 0)) return DASHES[Math.floor(rand() * DASHES.length)];
    return '0';
  };
  const print = (n: number) => (n === 0 ? zero() : String(n));
  const expectOf = (raw: string, n: number) => (/\d/.test(raw) ? n : null);
  const expected: Record<string, number | null> = {};
  const t2is2019 = shape === '2019';
  const t3rows = [...T3_BASE, ...(shape === '2021' ? T3_OTHER_2021 : T3_OTHER_2019), ...T3_END];
  const nums = t3Values(t3rows, v.large);
  const vals: Record<string, string[]> = {};
  for (const r of t3rows) {
    vals[r.key] = nums[r.key].map(print);
    T3_COLS.forEach((c, k) => { expected[`t3.${r.key}.${c}`] = expectOf(vals[r.key][k], nums[r.key][k]); });
  }
  const t4n = opts.t4 ?? [1, 2, 0, 1, 4, 0, 0, 0, 1, 1, 3, 0, 0, 0, 3];
  const t4 = t4n.map(print);
  ['review', 'suit_direct', 'suit_after_review'].forEach((b, bi) => ['upheld', 'corrected', 'other', 'pending', 'total']
    .forEach((c, ci) => { expected[`t4.${b}.${c}`] = expectOf(t4[bi * 5 + ci], t4n[bi * 5 + ci]); }));
  // Table 二 zeros vary like the others; "z" marks a printed zero in the templates below.
  const z = () => zero();
  const zv = (raw: string) => (/\d/.test(raw) ? 0 : null);

  // ---- table 二
  let t2html: string; let t2text: string[];
  if (!t2is2019) {
    const rep = z(); const coe = z();
    Object.assign(expected, { 't2.regulations.issued': 1, 't2.regulations.repealed': zv(rep), 't2.regulations.in_force': 5,
      't2.normative_docs.issued': 3, 't2.normative_docs.repealed': 1, 't2.normative_docs.in_force': 12,
      't2.licensing.decisions': 120, 't2.penalty.decisions': 45, 't2.coercion.decisions': zv(coe), 't2.fees.amount': 25.1 });
    t2html = `<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>1</td><td>${rep}</td><td>5</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>12</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">120</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">45</td></tr>
<tr><td>行政强制</td><td colspan="3">${coe}</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">25.1</td></tr></table>`;
    t2text = ['第二十条第（一）项\t\t\t', '信息内容\t本年制发件数\t本年废止件数\t现行有效件数', `规章\t1\t${rep}\t5`, '行政规范性文件\t3\t1\t12',
      '第二十条第（五）项\t\t\t', '信息内容\t本年处理决定数量\t\t', '行政许可\t120\t\t', '第二十条第（六）项\t\t\t', '信息内容\t本年处理决定数量\t\t',
      '行政处罚\t45\t\t', `行政强制\t${coe}\t\t`, '第二十条第（八）项\t\t\t', '信息内容\t本年收费金额（单位：万元）\t\t', '行政事业性收费\t25.1\t\t'];
  } else {
    const nm = z(); const np = z(); const pc = z();
    Object.assign(expected, { 't2.regulations.new_made': zv(nm), 't2.regulations.new_published': zv(np), 't2.regulations.total_published': 2,
      't2.normative_docs.new_made': 4, 't2.normative_docs.new_published': 4, 't2.normative_docs.total_published': 30,
      't2.licensing.prev_items': 56, 't2.licensing.change': 173, 't2.licensing.decisions': 1200,
      't2.other_services.prev_items': 10, 't2.other_services.change': -2, 't2.other_services.decisions': 15,
      't2.penalty.prev_items': 300, 't2.penalty.change': zv(pc), 't2.penalty.decisions': 88,
      't2.coercion.prev_items': 20, 't2.coercion.change': null, 't2.coercion.decisions': 3,
      't2.fees.prev_items': 5, 't2.fees.change': -1, 't2.procurement.items': 12, 't2.procurement.amount': 251000 });
    const row = (l: string, ...v: string[]) => `<tr><td>${l}</td>${v.map((x) => `<td>${x}</td>`).join('')}</tr>`;
    t2html = `<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
${row('规章', nm, np, '2')}${row('规范性文件', '4', '4', '30')}
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
${row('行政许可', '56', '+173', '1200')}${row('其他对外管理服务事项', '10', '-2', '15')}
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
${row('行政处罚', '300', pc, '88')}${row('行政强制', '20', '—', '3')}
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td></tr>
<tr><td>行政事业性收费</td><td>5</td><td colspan="2">-1</td></tr>
<tr><td colspan="4">第二十条第（九）项</td></tr>
<tr><td>信息内容</td><td>采购项目数量</td><td colspan="2">采购总金额</td></tr>
<tr><td>政府集中采购</td><td>12</td><td colspan="2">25.1万元</td></tr></table>`;
    t2text = ['第二十条第（一）项', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量', `规章\t${nm}\t${np}\t2`, '规范性文件\t4\t4\t30',
      '第二十条第（五）项', '信息内容\t上一年项目数量\t本年增/减\t处理决定数量', '行政许可\t56\t+173\t1200', '其他对外管理服务事项\t10\t-2\t15',
      '第二十条第（六）项', '信息内容\t上一年项目数量\t本年增/减\t处理决定数量', `行政处罚\t300\t${pc}\t88`, '行政强制\t20\t—\t3',
      '第二十条第（八）项', '信息内容\t上一年项目数量\t本年增/减', '行政事业性收费\t5\t-1', '第二十条第（九）项', '信息内容\t采购项目数量\t采购总金额', '政府集中采购\t12\t251000元'];
  }

  // ---- table 三 (HTML with real rowspans for the merged label cells)
  const groupSpan = (g: string) => t3rows.filter((r) => r.labels[1] === g).length;
  const resultsSpan = t3rows.filter((r) => r.labels[0] === '三、本年度办理结果').length;
  const seen = new Set<string>();
  const bodyRows = t3rows.map((r) => {
    const v = vals[r.key].map((x) => `<td>${x}</td>`).join('');
    const cells: string[] = [];
    if (r.labels.length === 1) cells.push(`<td colspan="3">${r.labels[0]}</td>`);
    else {
      if (!seen.has(r.labels[0])) { seen.add(r.labels[0]); cells.push(`<td rowspan="${resultsSpan}">${r.labels[0]}</td>`); }
      if (r.labels.length === 2) cells.push(`<td colspan="2">${r.labels[1]}</td>`);
      else {
        if (!seen.has(r.labels[1])) { seen.add(r.labels[1]); cells.push(`<td rowspan="${groupSpan(r.labels[1])}">${r.labels[1]}</td>`); }
        cells.push(`<td>${r.labels[2]}</td>`);
      }
    }
    return `<tr>${cells.join('')}${v}</tr>`;
  }).join('\n');
  const t3html = `<table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
${bodyRows}</table>`;
  const t3text = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t',
    '\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计', '\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
    ...t3rows.map((r) => [...r.labels, ...Array(3 - r.labels.length).fill(''), ...vals[r.key]].join('\t'))];

  const t4html = `<table border="1">
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>${'<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>'.repeat(2)}</tr>
<tr>${t4.map((x) => `<td>${x}</td>`).join('')}</tr></table>`;
  const t4text = ['行政复议\t\t\t\t\t行政诉讼', '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉',
    '\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计', t4.join('\t')];

  const title = `${agency}${year}年政府信息公开工作年度报告`;
  const period = `本报告所列数据统计期限自${year}年1月1日至${year}年12月31日。`;
  if (v.outline === 'appendix') {
    // Narrative chapters 一…六 first, then the tables under headings that restart at 一; the issuing
    // body stands on its own line above a title that names only the year.
    const narrative = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
    const heads = ['一、主动公开政府信息情况', '二、收到和处理政府信息公开申请情况', '三、政府信息公开行政复议、行政诉讼情况'];
    const yearTitle = `${year}年度政府信息公开工作年度报告`;
    const para = (h: string) => `${h.slice(2)}工作有序推进，详见附表。`;
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${yearTitle}</title></head><body>
<p>${agency}</p><h1>${yearTitle}</h1><p>${period}</p>
${narrative.map((h) => `<h2>${h}</h2><p>${para(h)}</p>`).join('\n')}
<h2>附表</h2><h3>${heads[0]}</h3>${t2html}
<h3>${heads[1]}</h3>${t3html}
<h3>${heads[2]}</h3>${t4html}</body></html>`;
    const text = [agency, yearTitle, period, '', ...narrative.flatMap((h) => [h, para(h), '']), '附表', heads[0], ...t2text, '', heads[1], ...t3text, '',
      heads[2], ...t4text].join('\n');
    return { html, text, expected, title };
  }
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<h1>${title}</h1><p>${period}</p>
<h2>二、主动公开政府信息情况</h2>${t2html}
<h2>三、收到和处理政府信息公开申请情况</h2>${t3html}
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>${t4html}
<h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>`;
  const text = [title, '', '二、主动公开政府信息情况', ...t2text, '', '三、收到和处理政府信息公开申请情况', ...t3text, '',
    '四、政府信息公开行政复议、行政诉讼情况', ...t4text, '', '五、存在的主要问题及改进情况', '无。'].join('\n');
  return { html, text, expected, title };
}
