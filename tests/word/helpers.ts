import fs from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../../src/model';

export const ROOT = path.resolve(__dirname, '..', '..');
export { SEED } from '../helpers/corpus';
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'word');

export interface Expected { agency?: string; year?: number; formatVersion?: string; cells: Record<string, number | null> }

export const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** Cell-exact comparison like ../shared/tools/score.mjs: wrong/missing codes and spurious codes. */
export function score(rec: ReportRecord, expected: Expected): { right: number; total: number; wrong: string[]; spurious: string[] } {
  const wrong: string[] = [];
  let right = 0;
  for (const [code, v] of Object.entries(expected.cells)) {
    const got = rec.cells[code];
    if (got && (got.value === v || (typeof v === 'number' && typeof got.value === 'number' && Math.abs(got.value - v) < 1e-6))) right++;
    else wrong.push(`${code}: expected ${v}, got ${got ? got.value : 'MISSING'}`);
  }
  const spurious = Object.keys(rec.cells).filter((c) => /^t[234]\./.test(c) && !(c in expected.cells) && rec.cells[c].value !== null);
  return { right, total: Object.keys(expected.cells).length, wrong, spurious };
}
