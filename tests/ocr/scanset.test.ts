/**
 * The generated scan set (tests/helpers/scans.ts): builder reports rendered and degraded the way
 * offices make scans, read by the OCR route end to end. Each condition must get ≥ 98% of the cells
 * right and leave no wrong value unflagged. CI runs one report on a representative subset of the
 * conditions; `npm run scanset` runs every condition on more reports (SCANSET=full, SCANSET_REPORTS)
 * and writes the per-condition figures to out/scanset/report.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ocrStatus } from '../../src/ocr/document';
import { extract } from '../../src/pipeline/extract';
import { CHROMIUM, CI_CONDITIONS, CONDITIONS, degrade, launchRenderer, reportsFor, scanName, type Renderer } from '../helpers/scans';

const full = process.env.SCANSET === 'full';
const only = process.env.SCANSET_ONLY?.split(',');
const conditions = CONDITIONS.filter((c) => (only ? only.includes(c.name) : full || CI_CONDITIONS.includes(c.name)));
const reports = reportsFor(20261201, Number(process.env.SCANSET_REPORTS) || (full ? 3 : 1));
const SEED = 7;
const outDir = path.join(__dirname, '..', '..', 'out', 'scanset');

const ready = fs.existsSync(CHROMIUM) && ocrStatus().ok;
if (!ready) console.log(`scan set skipped: ${fs.existsSync(CHROMIUM) ? ocrStatus().reason : `no Chromium at ${CHROMIUM}`}`);
const maybe = ready ? describe : describe.skip;

interface Tally { cells: number; right: number; missing: number; wrongFlagged: number; wrongUnflagged: string[]; seconds: number; images: number }
const tallies = new Map<string, Tally>();

maybe('generated scan set', () => {
  let renderer: Renderer;
  const pages = new Map<string, Buffer>();
  beforeAll(async () => { renderer = await launchRenderer(); }, 120000);
  afterAll(async () => {
    await renderer?.close();
    fs.mkdirSync(outDir, { recursive: true });
    const lines = ['| condition | reports | cells | right | right % | missing | wrong, flagged | wrong, unflagged | s/image |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
    for (const [name, t] of tallies) lines.push(`| ${name} | ${t.images} | ${t.cells} | ${t.right} | ${((100 * t.right) / t.cells).toFixed(1)} | ${t.missing} | ${t.wrongFlagged} | ${t.wrongUnflagged.length} | ${(t.seconds / t.images).toFixed(1)} |`);
    fs.writeFileSync(path.join(outDir, full ? 'report.md' : 'report-ci.md'), lines.join('\n') + '\n');
    console.log(lines.join('\n'));
  });

  for (const c of conditions) {
    it(`${c.name}: ≥ 98% of cells right, no wrong value unflagged`, async () => {
      const t: Tally = { cells: 0, right: 0, missing: 0, wrongFlagged: 0, wrongUnflagged: [], seconds: 0, images: 0 };
      tallies.set(c.name, t);
      for (const r of reports) {
        const key = `${r.id}@${c.dpi}`;
        if (!pages.has(key)) pages.set(key, await renderer.render(r.html, c.dpi));
        const image = await degrade(pages.get(key)!, c, SEED + reports.indexOf(r));
        if (process.env.SCANSET_KEEP) { fs.mkdirSync(outDir, { recursive: true }); fs.writeFileSync(path.join(outDir, scanName(c, r.id)), image); }
        const t0 = process.hrtime.bigint();
        const rec = await extract(image, { name: scanName(c, r.id) });
        t.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
        t.images++;
        for (const [code, want] of Object.entries(r.expected)) {
          t.cells++;
          const got = rec.cells[code];
          if (got && got.value === want) { t.right++; continue; }
          // A cell left null by the identities, or flagged for review, is wrong but not silent.
          // Not read at all (the record lists it missing), or wrong: a wrong value must be flagged
          // (low confidence, or left null by the identities with a warning).
          if (process.env.SCANSET_KEEP && !(got && got.value === want)) console.log(`${c.name} ${r.id} ${code}: want ${want}, got ${got ? `${got.value} (${got.lowConfidence ? 'flagged' : 'unflagged'})` : 'missing'}`);
          if (!got) t.missing++;
          else if (got.lowConfidence || (got.value === null && rec.warnings.some((m) => m.field === code))) t.wrongFlagged++;
          else t.wrongUnflagged.push(`${r.id} ${code}: want ${want}, got ${got.value}`);
        }
      }
      expect(t.wrongUnflagged).toEqual([]);
      expect(t.right / t.cells).toBeGreaterThanOrEqual(0.98);
    }, 600000 * reports.length);
  }
});
