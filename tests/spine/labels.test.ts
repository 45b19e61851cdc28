import { matchLabel, T2_ROW_LABELS, T3_COLUMN_LABELS } from '../../src/schema/labels';
import { normLabel, splitLabel } from '../../src/schema/normalize';
import { matchT3Label } from '../../src/schema/t3';

const t3 = (s: string, group?: string) => matchT3Label(s, group)?.entry.key;

describe('label normalization', () => {
  it('unifies full-width forms, spaces, numbering punctuation and quotes', () => {
    expect(normLabel('（三）　不予公开')).toBe('(三)不予公开');
    expect(normLabel('１、属于国家秘密')).toBe('1.属于国家秘密');
    expect(normLabel('3. 危及“三安全一稳定”')).toBe('3.危及三安全一稳定');
  });
  it('splits numbering and bracketed annotations from the core', () => {
    const s = splitLabel('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(s).toMatchObject({ kind: 'paren', numbering: '二', core: '部分公开' });
    expect(splitLabel('规章（设区的市、自治州人民政府应提供相关数据）').core).toBe('规章');
    expect(splitLabel('一、本年新收政府信息公开申请数量')).toMatchObject({ kind: 'top', core: '本年新收政府信息公开申请数量' });
    expect(splitLabel('4保护第三方合法权益')).toMatchObject({ kind: 'arabic', numbering: '4', core: '保护第三方合法权益' });
  });
});

describe('table 三 row labels', () => {
  it.each([
    ['1.属于国家秘密', 'withheld.state_secret'],
    ['1、属于国家秘密', 'withheld.state_secret'],
    ['１． 属于 国家秘密', 'withheld.state_secret'],
    ['2.其他法律行政止公开', 'withheld.prohibited_by_law'],
    ['3.危及"三安全一稳定"', 'withheld.security_stability'],
    ['（一）予以公开', 'granted'],
    ['(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)', 'partially_granted'],
    ['（七）合计', 'total_processed'],
    ['（七）總計', 'total_processed'],
    ['四、結轉下年度繼續辦理', 'carried_forward'],
    ['1.本機關不掌握相關政府信息', 'unavailable.not_held'],
    ['一、本年新收政府信息公开申请数量', 'new_received'],
  ])('%s → %s', (label, key) => expect(t3(label)).toBe(key));

  it('tells （六）其他 (the group) from 3.其他 (the 2021 sub-row) by numbering and context', () => {
    expect(t3('（六）其他')).toBe('other');
    expect(t3('（六）其他处理')).toBe('other');
    expect(t3('3.其他', 'other')).toBe('other.misc');
    expect(t3('其他', 'other')).toBe('other.misc');
  });
  it('does not confuse 不予公开 with 予以公开, nor match unrelated text', () => {
    expect(t3('（三）不予公开')).toBe('withheld');
    expect(t3('合计收费金额说明文字很长很长')).toBeUndefined();
    expect(t3('行政许可')).toBeUndefined();
  });
});

describe('table 二 and column labels', () => {
  it('matches 规范性文件 in a 2021 table and annotated labels', () => {
    expect(matchLabel('规范性文件', T2_ROW_LABELS)?.entry.key).toBe('normative_docs');
    expect(matchLabel('行政规范性文件', T2_ROW_LABELS)?.entry.key).toBe('normative_docs');
    expect(matchLabel('规章（设区的市、自治州人民政府应提供相关数据）', T2_ROW_LABELS)?.entry.key).toBe('regulations');
  });
  it('short column names must match exactly', () => {
    expect(matchLabel('商业企业', T3_COLUMN_LABELS)?.entry.key).toBe('commercial');
    expect(matchLabel('商业', T3_COLUMN_LABELS)).toBeNull();
  });
});
