import type { Message } from '../../src/model';
import { textBlocks } from '../../src/readers/word/doc-text';
import { rebuildFlat } from '../../src/schema/flat';
import { recognize } from '../../src/schema/recognize';
import { flat, rowTexts } from '../schema/grid';


describe('rebuilding rows lost in Word 97 text', () => {
  it('splits table 三 rows at the row labels, keeping blank value cells and dropping row-end marks', () => {
    const t = flat([
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
      '\t自然人\t法人或其他组织\t总计',
      // Row ends arrive as empty cells; the 总计 of 一 is printed blank.
      '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\t一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t\t\t二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\t\t三、本年度办理结果\t（一）予以公开\t4\t1\t0\t0\t0\t0\t5\t\t\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\t\t\t\t2.其他法律行政法规禁止公开\t9\t0\t0\t0\t0\t0\t9\t',
    ]);
    const messages: Message[] = [];
    const [out, ...more] = rebuildFlat(t, messages, 0);
    expect(more).toEqual([]);
    expect(rowTexts(out)).toEqual([
      // Header leaves in column order: 法人或其他组织's sub-columns where the group stands.
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 法人或其他组织|（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 法人或其他组织|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计',
      '一、本年新收政府信息公开申请数量||5|1|0|0|0|0|',
      '二、上年结转政府信息公开申请数量||1|0|0|0|0|0|1',
      '三、本年度办理结果|（一）予以公开|4|1|0|0|0|0|5',
      '（三）不予公开|1.属于国家秘密|0|0|0|0|0|0|0',
      '2.其他法律行政法规禁止公开||9|0|0|0|0|0|9',
    ]);
    expect(messages.map((m) => m.code)).toEqual(['rows-rebuilt']);
    const rec = recognize({ format: 'doc', blocks: [{ kind: 'table', table: t }] });
    expect(rec.cells['t3.new_received.total'].value).toBeNull();
    expect(rec.cells['t3.new_received.natural_person'].value).toBe(5);
    expect(rec.cells['t3.withheld.prohibited_by_law.total'].value).toBe(9);
    expect(rec.cells['t3.granted.commercial'].value).toBe(1);
  });

  it('lays table 四 columns under their blocks in reading order', () => {
    const t = flat([
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\t\t\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t\t1\t2\t3\t4\t10\t5\t6\t7\t8\t26\t9\t10\t11\t12\t42\t',
    ]);
    const rec = recognize({ format: 'doc', blocks: [{ kind: 'table', table: t }] });
    expect(rec.cells['t4.review.upheld'].value).toBe(1);
    expect(rec.cells['t4.review.total'].value).toBe(10);
    expect(rec.cells['t4.suit_direct.upheld'].value).toBe(5);
    expect(rec.cells['t4.suit_after_review.total'].value).toBe(42);
  });

  it('reports cells it cannot place instead of dropping them silently', () => {
    const t = flat([
      '\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
      '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\t\t说明文字\t二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t\t三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1\t',
    ]);
    const messages: Message[] = [];
    const [out] = rebuildFlat(t, messages, 0);
    expect(messages.find((m) => m.code === 'rows-rebuild-dropped')?.message).toMatch(/一、本年新收.*"说明文字"/);
    // The stray text does not swallow the next row.
    expect(rowTexts(out)).toContain('二、上年结转政府信息公开申请数量||0|0|0|0|0|0|0');
  });

  it('leaves other text-flat tables alone', () => {
    const t = flat(['姓名\t电话', '张三\t123']);
    expect(rebuildFlat(t, [], 0)).toEqual([t]);
  });
});

describe('Word 97 text: which lines are table cells', () => {
  const cellTexts = (blocks: ReturnType<typeof textBlocks>) => blocks.map((b) => (b.kind === 'text' ? `T:${b.text}` : b.table.rows.map((r) => r.map((c) => c?.text).join('|')).join(' / ')));

  it('keeps a label broken over lines in one cell, at the end or the start of a line', () => {
    const text = '标题\n规章\t1\t\n其他对外管理\n服务事项\t6\t\n\t\t三、本年度\n办理结果\t7\t\t五、存在的主要问题\n这一段是很长的正文，远远超过三十个字符，所以它不可能是表格单元格里的一个段落，而是表格后面的正文。\n';
    expect(cellTexts(textBlocks(text, 0))).toEqual([
      'T:标题',
      '规章|1 / 其他对外管理\n服务事项|6 / ||三、本年度\n办理结果|7|',
      'T:五、存在的主要问题',
      'T:这一段是很长的正文，远远超过三十个字符，所以它不可能是表格单元格里的一个段落，而是表格后面的正文。',
    ]);
  });
});

describe('table 三 header without the 法人或其他组织 group cell', () => {
  it('places the organisation columns before 总计 and says so', () => {
    const t = flat([
      '\t自然人\t总计',
      '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\t一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21\t\t二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t\t三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1\t',
    ]);
    const messages: Message[] = [];
    const rec = recognize({ format: 'doc', blocks: [{ kind: 'table', table: t }] });
    rebuildFlat(t, messages, 0);
    expect(messages.map((m) => m.code)).toContain('rows-rebuild-header');
    expect(rec.cells['t3.new_received.commercial'].value).toBe(2);
    expect(rec.cells['t3.new_received.total'].value).toBe(21);
  });

  it('stays quiet when the header prints the columns in one row in the standard order', () => {
    const t = flat([
      '\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
      '一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21\t\t二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t\t三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1\t',
    ]);
    const messages: Message[] = [];
    rebuildFlat(t, messages, 0);
    expect(messages.map((m) => m.code)).toEqual(['rows-rebuilt']);
  });
});

describe('table 四 printed as one table per block under captions', () => {
  const long = '这是一段很长的说明文字，用来说明表格后面的内容，远远超过四十个字符，所以它是正文而不是单元格里的段落。';
  const head = '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t';

  it('maps each block by its caption, with body text between the tables', () => {
    const text = `（一）行政复议情况\n${head}\t1\t0\t0\t0\t1\t\t${long}\n（二）未经复议直接起诉\n${head}\t0\t2\t0\t0\t2\t\t${long}\n`;
    const rec = recognize({ format: 'doc', blocks: textBlocks(text, 0) });
    expect(rec.cells['t4.review.upheld'].value).toBe(1);
    expect(rec.cells['t4.suit_direct.corrected'].value).toBe(2);
    expect(rec.messages.filter((m) => m.code.startsWith('rows-rebuild-'))).toEqual([]);
  });

  it('and when only a short caption separates them (one text stream)', () => {
    const text = `（一）行政复议情况\n${head}\t1\t0\t0\t0\t1\t\t（二）未经复议直接起诉\n${head}\t0\t2\t0\t0\t2\t\t（三）复议后起诉\n${head}\t0\t0\t3\t0\t3\t\t${long}\n`;
    const blocks = textBlocks(text, 0);
    expect(blocks.filter((b) => b.kind === 'table')).toHaveLength(1);
    const rec = recognize({ format: 'doc', blocks });
    expect(rec.cells['t4.review.total'].value).toBe(1);
    expect(rec.cells['t4.suit_direct.corrected'].value).toBe(2);
    expect(rec.cells['t4.suit_after_review.other'].value).toBe(3);
    expect(Object.keys(rec.cells).filter((c) => c.startsWith('t4.'))).toHaveLength(15);
  });
});
