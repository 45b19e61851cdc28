/**
 * Text copied out of the corpus's real PDFs (pdftotext -layout and plain pdftotext), scored against
 * each PDF's own truth file: no wrong value ever, and the space-aligned copies of the reports whose
 * every row was placed stay so (`npm run copied` prints the full figures).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../src/pipeline/extract';
import { CORPUS, withCorpus } from '../helpers/corpus';

const hasPdftotext = (() => { try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const PDFS = ['real/hongze-2023.pdf', 'real/hongze-2024.pdf', 'seed/pingdingshan-jiaoti-2023.chromium-ttf.pdf', 'seed/pingdingshan-jiaoti-2023.chromium.pdf', 'seed/pingdingshan-jiaoti-2023.libreoffice.pdf'];
/** Copies read whole today: a regression in any of them fails. */
const EXACT = new Set(['hongze-2023.layout', 'hongze-2024.layout', 'pingdingshan-jiaoti-2023.chromium-ttf.layout', 'pingdingshan-jiaoti-2023.libreoffice.layout',
  // Plain pdftotext of reports that print every cell: read from its flows.
  'hongze-2023.raw', 'hongze-2024.raw', 'pingdingshan-jiaoti-2023.chromium-ttf.raw', 'pingdingshan-jiaoti-2023.libreoffice.raw']);

withCorpus('text copied out of the corpus PDFs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-copied-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cases = PDFS.flatMap((p) => (['layout', 'raw'] as const).map((kind) => ({ p, kind, id: `${path.basename(p, '.pdf')}.${kind}` })));
  (hasPdftotext ? it.each(cases) : it.skip.each(cases))('$id: no wrong or spurious value', async ({ p, kind, id }) => {
    const pdf = path.join(CORPUS, p);
    const txt = path.join(dir, `${id}.txt`);
    execFileSync('pdftotext', [...(kind === 'layout' ? ['-layout'] : []), '-enc', 'UTF-8', pdf, txt], { stdio: 'ignore' });
    const truth = JSON.parse(fs.readFileSync(`${pdf}.truth.json`, 'utf8')) as { cells: Record<string, number | null> };
    const rec = await extract(txt);
    const wrong = Object.entries(rec.cells).filter(([code, c]) => code in truth.cells && c.value !== truth.cells[code]);
    const spurious = Object.keys(rec.cells).filter((code) => !(code in truth.cells) && rec.cells[code].value !== null);
    expect(wrong.map(([code, c]) => `${code}=${c.value}≠${truth.cells[code]}`)).toEqual([]);
    expect(spurious).toEqual([]);
    if (EXACT.has(id)) expect(Object.keys(truth.cells).filter((code) => !(code in rec.cells))).toEqual([]);
  }, 60000);
  if (!hasPdftotext) process.stderr.write('skipped: text copied out of the corpus PDFs: needs pdftotext (poppler-utils) on PATH\n');
});
