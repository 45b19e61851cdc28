import { parseText } from '../../src/readers/text';
import { agencyFrom, extractMetadata } from '../../src/schema/metadata';

const meta = (text: string) => extractMetadata(parseText(text, 'txt'));

describe('report metadata', () => {
  it.each([
    ['平顶山市教育体育局 2023 年政府信息公开工作年度报告', '平顶山市教育体育局'],
    ['2022年某某区人民政府政府信息公开工作年度报告', '某某区人民政府'],
    ['某某县人民政府2021年度政府信息公开工作年度报告', '某某县人民政府'],
    ['某某市人民政府办公室关于2020年政府信息公开工作的年度报告', '某某市人民政府办公室'],
    ['某某镇人民政府信息公开工作年度报告（2023年）', '某某镇人民政府'],
  ])('%s → %s', (title, agency) => expect(agencyFrom(title)).toBe(agency));

  it('reads a title set on two lines (body above, year line below)', () => {
    const m = meta('        洪泽区人民政府\n   2023 年政府信息公开工作年度报告\n\n  本报告由……编制。');
    expect(m).toMatchObject({ agency: '洪泽区人民政府', year: 2023, isReport: true });
  });
  it('takes the year from the statistics period when the title has none', () => {
    const m = meta('某某局政府信息公开工作年度报告\n本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。');
    expect(m).toMatchObject({ agency: '某某局', year: 2021 });
  });
  it('does not take an ordinary page for a report', () => {
    expect(meta('欢迎访问某某市人民政府门户网站\n今日要闻').isReport).toBe(false);
  });
});
