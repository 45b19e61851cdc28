import fs from 'node:fs';
import path from 'node:path';
import { codesFor, FIELDS } from '../../src/schema/fields';

const spec = path.resolve(__dirname, '../../../shared/spec/fields.csv');
const haveSpec = fs.existsSync(spec);

describe('field codes', () => {
  it('has the cell counts of both formats', () => {
    expect(codesFor(2, '2021')).toHaveLength(10);
    expect(codesFor(3, '2021')).toHaveLength(175);
    expect(codesFor(4, '2021')).toHaveLength(15);
    expect(codesFor(2, '2019')).toHaveLength(22);
    expect(codesFor(3, '2019')).toHaveLength(161);
    expect(new Set(FIELDS.map((f) => f.code)).size).toBe(FIELDS.length);
  });
  (haveSpec ? it : it.skip)('matches ../shared/spec/fields.csv code for code, with versions and units', () => {
    const lines = fs.readFileSync(spec, 'utf8').trim().split('\n').slice(1);
    const parsed = lines.map((l) => {
      const cols: string[] = []; let cur = ''; let q = false;
      for (const ch of l) { if (ch === '"') q = !q; else if (ch === ',' && !q) { cols.push(cur); cur = ''; } else cur += ch; }
      cols.push(cur);
      return { code: cols[0], versions: cols[1].split(','), unit: cols[6].split(' ')[0] };
    });
    expect(FIELDS.map((f) => f.code)).toEqual(parsed.map((p) => p.code));
    for (const p of parsed) {
      const f = FIELDS.find((x) => x.code === p.code)!;
      expect([f.code, f.versions]).toEqual([p.code, p.versions]);
      expect([f.code, f.unit]).toEqual([p.code, p.unit]);
    }
  });
});
