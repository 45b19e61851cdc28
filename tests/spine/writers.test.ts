import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../src/pipeline/extract';
import { writeOutputs } from '../../src/writers/output';
import { FIELDS } from '../../src/schema/fields';
import { buildReport } from '../helpers/report-builder';

describe('writers', () => {
  it('writes a JSON record per input and BOM-prefixed CSVs with one column per field code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-out-'));
    const ok = await extract(Buffer.from(buildReport('2021').html), { name: 'a/report.html' });
    const dup = await extract(Buffer.from(buildReport('2019').html), { name: 'b/report.html' });
    const bad = await extract(Buffer.alloc(0), { name: 'empty.txt' });
    await writeOutputs(dir, [ok, dup, bad]);
    const names = fs.readdirSync(path.join(dir, 'records')).sort();
    expect(names).toEqual(['empty.txt.json', 'report.html.json', 'report.html~2.json']);
    const back = JSON.parse(fs.readFileSync(path.join(dir, 'records', 'report.html.json'), 'utf8'));
    expect(back.cells['t4.review.total'].value).toBe(4);
    for (const f of ['reports.csv', 'cells.csv', 'checks.csv', 'codebook.csv', 'failures.csv', 'checks-across-years.csv']) {
      expect(fs.readFileSync(path.join(dir, f), 'utf8').startsWith('\uFEFF')).toBe(true);
    }
    const reports = fs.readFileSync(path.join(dir, 'reports.csv'), 'utf8').replace('\uFEFF', '').trim().split('\n');
    expect(reports).toHaveLength(4);
    const header = reports[0].split(',');
    expect(header.slice(-FIELDS.length)).toEqual(FIELDS.map((f) => f.code));
    const codebook = fs.readFileSync(path.join(dir, 'codebook.csv'), 'utf8').trim().split('\n');
    expect(codebook).toHaveLength(FIELDS.length + 1);
    const failures = fs.readFileSync(path.join(dir, 'failures.csv'), 'utf8');
    expect(failures).toContain('empty.txt,failed');
    const cells = fs.readFileSync(path.join(dir, 'cells.csv'), 'utf8').trim().split('\n');
    expect(cells.length).toBe(1 + Object.keys(ok.cells).length + Object.keys(dup.cells).length);
  });
});
