import type { Message, Table } from '../../src/model';
import { rebuildFlat } from '../../src/schema/flat';
import { recognize } from '../../src/schema/recognize';
import { flat, rowTexts } from './grid';

const cellValues = (t: Table) => Object.fromEntries(Object.entries(recognize({ format: 'doc', blocks: [{ kind: 'table', table: t }] }).cells).map(([k, v]) => [k, v.value]));

describe('flat-text mapper (row ends lost)', () => {
  it('rebuilds table 二 rows at its row labels and keeps a blank cell blank', () => {
    const t = flat([
      '第二十条第（一）项\t\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数\t\t规章\t1\t\t5\t\t行政规范性文件\t3\t1\t12\t',
    ]);
    const messages: Message[] = [];
    const [out, ...more] = rebuildFlat(t, messages, 0);
    expect(more).toEqual([]);
    expect(rowTexts(out)).toEqual([
      '第二十条第（一）项',
      '信息内容|本年制发件数|本年废止件数|现行有效件数',
      '规章|1||5',
      '行政规范性文件|3|1|12',
    ]);
    expect(messages.map((m) => m.code)).toEqual(['rows-rebuilt']);
    expect(cellValues(t)).toEqual({
      't2.regulations.issued': 1, 't2.regulations.repealed': null, 't2.regulations.in_force': 5,
      't2.normative_docs.issued': 3, 't2.normative_docs.repealed': 1, 't2.normative_docs.in_force': 12,
    });
  });

  it('splits one stream holding tables 二 and 四 into two tables', () => {
    const t = flat([
      '信息内容\t本年处理决定数量\t\t行政许可\t120\t\t行政处罚\t45\t',
      '行政复议\t未经复议直接起诉\t复议后起诉\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t\t1\t0\t0\t0\t1\t2\t0\t\t0\t2\t0\t0\t0\t0\t0\t',
    ]);
    const messages: Message[] = [];
    expect(rebuildFlat(t, messages, 0)).toHaveLength(2);
    const v = cellValues(t);
    expect(v).toMatchObject({ 't2.licensing.decisions': 120, 't2.penalty.decisions': 45, 't4.review.upheld': 1, 't4.review.total': 1, 't4.suit_direct.upheld': 2, 't4.suit_direct.total': 2 });
    expect(v['t4.suit_direct.other']).toBeNull();
    expect(Object.keys(v).filter((c) => c.startsWith('t4.'))).toHaveLength(15);
  });

  it('reports cells after table 四\'s values instead of mapping them', () => {
    const t = flat([
      '行政复议\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t\t1\t0\t0\t0\t1\t99\t',
    ]);
    const messages: Message[] = [];
    rebuildFlat(t, messages, 0);
    expect(messages.find((m) => m.code === 'rows-rebuild-dropped')?.message).toMatch(/"99"/);
    expect(cellValues(t)).toEqual({ 't4.review.upheld': 1, 't4.review.corrected': 0, 't4.review.other': 0, 't4.review.pending': 0, 't4.review.total': 1 });
  });

  it('rebuilds 2019\'s table 三 with its single （六） row; the organisation columns go where their group stands', () => {
    const t = flat([
      '\t自然人\t法人或其他组织\t总计\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\t\t三、本年度办理结果\t（六）其他处理\t1\t0\t0\t0\t0\t0\t1\t\t（七）总计\t1\t0\t0\t0\t0\t0\t1\t',
    ]);
    const rec = recognize({ format: 'doc', blocks: [{ kind: 'table', table: t }] });
    expect(rec.cells['t3.new_received.total'].value).toBe(3);
    expect(rec.cells['t3.other.combined.natural_person'].value).toBe(1);
    expect(rec.cells['t3.total_processed.total'].value).toBe(1);
    expect(rec.shapes[3]).toBe('2019');
  });
});
