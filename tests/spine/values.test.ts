import { headerUnit, looksLikeValue, parseValue } from '../../src/schema/values';

describe('value parsing', () => {
  it('keeps blank and placeholders apart from zero', () => {
    for (const raw of ['', ' ', '—', '-', '/', '无', '－', '——']) expect(parseValue(raw).value).toBeNull();
    expect(parseValue('0').value).toBe(0);
    expect(parseValue('０').value).toBe(0);
  });
  it('reads signs, thousands separators and full-width digits', () => {
    expect(parseValue('+173', '项', undefined, 'signed integer').value).toBe(173);
    expect(parseValue('-2', '项', undefined, 'signed integer').value).toBe(-2);
    expect(parseValue('1,234').value).toBe(1234);
    expect(parseValue('１２３４').value).toBe(1234);
    expect(parseValue('7730.28', '万元', undefined, 'decimal').value).toBeCloseTo(7730.28, 6);
  });
  it('normalizes units written in the cell or declared by the header to the field unit', () => {
    expect(parseValue('251000元', '元', undefined, 'decimal').value).toBe(251000);
    expect(parseValue('25.1万元', '元', undefined, 'decimal').value).toBe(251000);
    expect(parseValue('251000元', '万元', undefined, 'decimal').value).toBe(25.1);
    expect(parseValue('25.1', '元', '万元', 'decimal').value).toBe(251000);
    expect(headerUnit('本年收费金额（单位：万元）')).toBe('万元');
  });
  it('takes the number out of prose and warns', () => {
    const p = parseValue('22（其中修订16件）');
    expect(p.value).toBe(22);
    expect(p.warning?.code).toBe('value-prose');
    expect(parseValue('55(含自然失效29件)').value).toBe(55);
  });
  it('leaves unreadable text null with a warning, never a guess', () => {
    const p = parseValue('约十件');
    expect(p.value).toBeNull();
    expect(p.lowConfidence).toBe(true);
    expect(p.warning?.code).toBe('value-unreadable');
  });
  it('tells numbered labels from values', () => {
    expect(looksLikeValue('1.属于国家秘密')).toBe(false);
    expect(looksLikeValue('2、重复申请')).toBe(false);
    // OCR lost the dot after the number; a unit after a number is still a value.
    expect(looksLikeValue('3危及三安全一稳定')).toBe(false);
    expect(looksLikeValue('5万元')).toBe(true);
    expect(looksLikeValue('12件')).toBe(true);
    expect(looksLikeValue('22（其中修订16件）')).toBe(true);
    expect(looksLikeValue('12')).toBe(true);
    expect(looksLikeValue('—')).toBe(true);
  });
});
