import path from 'node:path';
import { extract } from '../../src/pipeline/extract';
import { FIXTURES, readJson, score, type Expected } from './helpers';

const cases: [string, string, number][] = [['report-2019', '2019', 198], ['report-hybrid', 'hybrid', 186], ['report-blanks', 'hybrid', 186]];

describe.each(cases)('%s fixture (formatVersion %s)', (name, version, cellCount) => {
  const expected = readJson<Expected>(path.join(FIXTURES, `expected-${name}.json`));

  it('has the cell count its format implies', () => {
    expect(Object.keys(expected.cells)).toHaveLength(cellCount);
    expect(expected.formatVersion).toBe(version);
  });

  it.each([
    ['docx', 'mammoth', {}],
    ['doc', 'word-extractor', { noLibreOffice: true }],
  ] as const)('.%s maps every printed cell (route %s)', async (ext, route, options) => {
    const rec = await extract(path.join(FIXTURES, `${name}.${ext}`), options);
    expect(rec.source.route).toBe(route);
    const s = score(rec, expected);
    expect(s.wrong).toEqual([]);
    expect(s.spurious).toEqual([]);
    expect(rec.report.formatVersion).toBe(version);
    expect(rec.report.year).toBe(expected.year);
    expect(rec.status).toBe('ok');
  });
});

describe('2019 specifics', () => {
  it('table 二 has 22 cells in 5 columns and table 三 23 rows with a single （六）其他处理 row', async () => {
    const rec = await extract(path.join(FIXTURES, 'report-2019.docx'));
    const t2 = rec.tables.find((t) => t.table === 2)!;
    const t3 = rec.tables.find((t) => t.table === 3)!;
    expect(t2).toMatchObject({ formatVersion: '2019', cellsExpected: 22, cellsFound: 22 });
    expect(t3).toMatchObject({ formatVersion: '2019', cellsExpected: 161, cellsFound: 161 });
    expect(rec.cells['t2.licensing.change'].value).toBe(3);
    expect(rec.cells['t2.coercion.change'].value).toBe(-2);
    expect(rec.cells['t2.procurement.amount']).toMatchObject({ value: 251000, raw: '251000元' });
    expect(rec.cells['t3.other.combined.legal_services'].value).toBe(1);
    expect(rec.cells['t3.other.combined.total'].value).toBe(3);
    expect(Object.keys(rec.cells).some((c) => c.startsWith('t3.other.overdue'))).toBe(false);
    // A blank printed cell stays blank (null), it is not a zero.
    expect(rec.cells['t3.withheld.enforcement_files.total']).toMatchObject({ value: null, raw: '' });
  });

  it('the hybrid keeps the 2021 table 二 and the 2019 table 三', async () => {
    const rec = await extract(path.join(FIXTURES, 'report-hybrid.docx'));
    expect(rec.tables.map((t) => [t.table, t.formatVersion])).toEqual([[2, '2021'], [3, '2019'], [4, 'unknown']]);
    expect(rec.cells['t2.fees.amount'].value).toBeCloseTo(7730.28, 6);
    expect(rec.cells['t3.other.combined.total'].value).toBe(3);
  });
});

describe('tables in Word layout constructs', () => {
  it('reads a table nested in a layout table and a table inside a text box', async () => {
    const expected = readJson<Expected>(path.join(FIXTURES, 'expected-report-hybrid.json'));
    const rec = await extract(path.join(FIXTURES, 'report-hybrid-boxed.docx'));
    const s = score(rec, expected);
    expect(s.wrong).toEqual([]);
    expect(s.spurious).toEqual([]);
    expect(rec.tables.map((t) => [t.table, t.cellsFound])).toEqual([[2, 10], [3, 161], [4, 15]]);
  });
});
