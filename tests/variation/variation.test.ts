/**
 * A representative subset of the variation matrix (npm run variation runs all of it): generated
 * renditions of builder fixtures must give every cell exactly, with no spurious value.
 */
import { ciSubset, mustBeComplete, prepareLibreOffice, runCase } from './matrix';
import { tools } from './render';

const missing = Object.entries(tools).filter(([k, ok]) => !ok && k !== 'soffice').map(([k]) => k);
const cases = ciSubset();
const d = missing.length ? describe.skip : describe;
if (missing.length) console.warn(`variation suite skipped: ${missing.join(', ')} not installed`);

d('variation subset', () => {
  beforeAll(() => prepareLibreOffice(cases), 180000);
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const s = await runCase(c);
    const wrongValues = s.wrong.filter((w) => w.got !== 'MISSING');
    expect({ spurious: s.spurious, wrong: wrongValues }).toEqual({ spurious: [], wrong: [] });
    if (c.floor !== undefined) expect(s.right).toBeGreaterThanOrEqual(c.floor);
    else if (mustBeComplete(c)) expect(s.wrong.map((w) => w.code)).toEqual([]);
    // Reading-order text: the values it cannot place are left out and said so, never guessed.
    if (c.kind === 'pdftotext-raw' && s.right < s.cells) expect(s.warnings.filter((w) => /^rows-rebuild-(ambiguous|order)$/.test(w))).not.toEqual([]);
    expect([s.agencyOk, s.yearOk]).toEqual([true, true]);
  }, 120000);
});
