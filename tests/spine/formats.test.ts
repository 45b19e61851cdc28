import iconv from 'iconv-lite';
import { extract } from '../../src/pipeline/extract';
import { expandSpans } from '../../src/readers/html/grid';
import { buildReport } from '../helpers/report-builder';

const values = (cells: Record<string, { value: number | null }>) =>
  Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.value]));

describe.each(['2021', '2019', 'hybrid'] as const)('%s-shaped report', (shape) => {
  const built = buildReport(shape);
  it.each(['html', 'text'] as const)('maps every cell from %s', async (kind) => {
    const rec = await extract(Buffer.from(kind === 'html' ? built.html : built.text), { name: `fixture-${shape}.${kind === 'html' ? 'html' : 'txt'}` });
    expect(values(rec.cells)).toEqual(built.expected);
    expect(rec.report.formatVersion).toBe(shape);
    expect(rec.report.agency).toBe('某某市测试局');
    // A printed placeholder ("—") is a null value, not a missing cell: the record is complete.
    expect(rec.status).toBe('ok');
  });
});

describe('2019 table shapes', () => {
  it('has 22 table 二 cells and a single-row （六） in table 三', async () => {
    const built = buildReport('2019');
    const rec = await extract(Buffer.from(built.html), { name: 'r2019.html' });
    expect(Object.keys(rec.cells).filter((c) => c.startsWith('t2.'))).toHaveLength(22);
    expect(Object.keys(rec.cells).filter((c) => c.startsWith('t3.other.'))).toEqual(expect.arrayContaining(['t3.other.combined.total']));
    expect(Object.keys(rec.cells).some((c) => /t3\.other\.(overdue|misc)/.test(c))).toBe(false);
    expect(rec.cells['t2.procurement.amount']).toMatchObject({ value: 251000, raw: '25.1万元' });
    expect(rec.cells['t2.licensing.change']).toMatchObject({ value: 173, raw: '+173' });
    expect(rec.cells['t2.coercion.change']).toMatchObject({ value: null, raw: '—' });
    expect(rec.tables.find((t) => t.table === 2)?.formatVersion).toBe('2019');
    expect(rec.tables.find((t) => t.table === 3)?.formatVersion).toBe('2019');
  });
});

describe('wrong totals are extracted as printed and reported', () => {
  it('fails the table 四 block identity without repairing the cell', async () => {
    const built = buildReport('2021', { t4: [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1] });
    const rec = await extract(Buffer.from(built.html), { name: 'wrong.html' });
    expect(rec.cells['t4.review.total'].value).toBe(0);
    const review = rec.checks.find((c) => c.id === 't4.block_sum' && c.scope.includes('行政复议'));
    expect(review).toMatchObject({ outcome: 'fail', left: 11, right: 0 });
    expect(rec.checks.find((c) => c.id === 't4.block_sum' && c.scope.includes('复议后起诉'))?.outcome).toBe('pass');
    expect(rec.warnings.some((w) => w.code === 'check-failed')).toBe(true);
  });
  it('skips an identity when a cell is blank, naming it', async () => {
    const built = buildReport('2021');
    const html = built.html.replace('<tr><td>规章</td>', '<tr><td>规章</td>');
    const blanked = html.replace(/(<tr><td colspan="3">一、本年新收政府信息公开申请数量<\/td>)<td>\d+<\/td>/, '$1<td>&nbsp;</td>');
    const rec = await extract(Buffer.from(blanked), { name: 'blank.html' });
    expect(rec.cells['t3.new_received.natural_person']).toMatchObject({ value: null, raw: '' });
    const c = rec.checks.find((x) => x.id === 't3.balance' && x.scope.endsWith('自然人'));
    expect(c).toMatchObject({ outcome: 'skipped', missing: ['t3.new_received.natural_person'] });
  });
});

describe('HTML grids', () => {
  it('expands rowspan and colspan so a merged cell fills every slot', () => {
    const t = expandSpans([
      [{ text: 'A', rowSpan: 2, colSpan: 1 }, { text: 'B', rowSpan: 1, colSpan: 2 }],
      [{ text: 'C', rowSpan: 1, colSpan: 1 }, { text: 'D', rowSpan: 1, colSpan: 1 }],
    ], 'html');
    expect(t.rows.map((r) => r.map((c) => c?.text))).toEqual([['A', 'B', 'B'], ['A', 'C', 'D']]);
    expect(t.rows[0][0]).toBe(t.rows[1][0]);
    expect(t.rows[0][1]).toMatchObject({ colSpan: 2, col: 1 });
  });
  it('decodes a GBK page from its meta charset', async () => {
    const built = buildReport('2021');
    const gbk = iconv.encode(built.html.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    const rec = await extract(gbk, { name: 'gbk.html' });
    expect(values(rec.cells)).toEqual(built.expected);
    expect(rec.report.agency).toBe('某某市测试局');
  });
  it('reads Word-exported markup with per-character spans and &nbsp; cells', async () => {
    const built = buildReport('2021');
    const spanned = built.html.replace(/<td([^>]*)>([^<]+)<\/td>/g, (_m, attrs: string, text: string) =>
      `<td${attrs}><p class=MsoNormal>${[...text].map((ch) => `<span style='font-family:宋体'>${ch}</span>`).join('')}<o:p>&nbsp;</o:p></p></td>`);
    const rec = await extract(Buffer.from(spanned), { name: 'word.html' });
    expect(values(rec.cells)).toEqual(built.expected);
  });
  it('finds a report body embedded in a <script> string inside site chrome', async () => {
    const built = buildReport('2021');
    const body = built.html.replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '');
    const page = `<html><head><meta charset="utf-8"><title>政务公开 - 某某市</title></head><body><div class="nav">首页 | 政务公开</div>
<script>var content = ${JSON.stringify(body)}; document.getElementById('c').innerHTML = content;</script><div id="c"></div></body></html>`;
    const rec = await extract(Buffer.from(page), { name: 'script.html' });
    expect(values(rec.cells)).toEqual(built.expected);
  });
});

describe('statuses', () => {
  it('a page that is not a report is unsupported, with the reason', async () => {
    const rec = await extract(Buffer.from('<html><head><meta charset="utf-8"><title>登录</title></head><body><form>用户名 密码</form></body></html>'), { name: 'login.html' });
    expect(rec.status).toBe('unsupported');
    expect(rec.statusReason).toMatch(/not a government information-disclosure annual report/);
    expect(rec.cells).toEqual({});
  });
  it('a pre-2019 report is unsupported', async () => {
    const rec = await extract(Buffer.from('某某县人民政府2017年政府信息公开工作年度报告\n\n一、概述\n本年度共主动公开政府信息1234条。'), { name: 'old.txt' });
    expect(rec.status).toBe('unsupported');
    expect(rec.statusReason).toMatch(/2017/);
  });
  it('an empty input is failed', async () => {
    const rec = await extract(Buffer.alloc(0), { name: 'empty.pdf' });
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toMatch(/empty/);
  });
});
