import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../../src/pipeline/extract';

const corpus = path.resolve(__dirname, '../../../shared/corpus');
const have = fs.existsSync(corpus);
const truth = (rel: string) => JSON.parse(fs.readFileSync(path.join(corpus, `${rel}.truth.json`), 'utf8'));

function score(rel: string, rec: Awaited<ReturnType<typeof extract>>) {
  const t = truth(rel);
  const codes = Object.keys(t.cells);
  const wrong = codes.filter((c) => !(c in rec.cells) || rec.cells[c].value !== t.cells[c]);
  const spurious = Object.keys(rec.cells).filter((c) => !(c in t.cells) && rec.cells[c].value !== null);
  return { t, codes, wrong, spurious };
}

(have ? describe : describe.skip)('corpus: text and HTML', () => {
  it.each(['seed/pingdingshan-jiaoti-2023.txt', 'seed/pingdingshan-jiaoti-2023.html', 'seed/pingdingshan-jiaoti-2023.gbk.html'])(
    '%s: every cell, year and agency right', async (rel) => {
      const rec = await extract(path.join(corpus, rel));
      const { t, codes, wrong, spurious } = score(rel, rec);
      expect(codes).toHaveLength(200);
      expect(wrong).toEqual([]);
      expect(spurious).toEqual([]);
      expect(rec.report.year).toBe(t.year);
      expect(rec.report.agency).toBe(t.agency);
      expect(rec.status).toBe('ok');
      expect(rec.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
    });

  it('real/shuyang-gov-2025.txt (OCR text, placeholder headers): ≥95% right, 0 spurious, assumed columns flagged', async () => {
    const rec = await extract(path.join(corpus, 'real/shuyang-gov-2025.txt'));
    const { codes, wrong, spurious } = score('real/shuyang-gov-2025.txt', rec);
    expect((codes.length - wrong.length) / codes.length).toBeGreaterThanOrEqual(0.95);
    expect(spurious).toEqual([]);
    // Every table 三 value was placed by the standard column order: each says so.
    const t3 = Object.entries(rec.cells).filter(([c]) => c.startsWith('t3.'));
    expect(t3.length).toBeGreaterThan(0);
    for (const [, v] of t3) expect(v).toMatchObject({ assumedColumn: true, lowConfidence: true });
    expect(rec.warnings.filter((w) => w.code === 'column-assumed')).toHaveLength(t3.length);
    // A non-null value that is wrong must at least be flagged.
    for (const c of wrong) if (rec.cells[c]?.value != null) expect(rec.cells[c].lowConfidence).toBe(true);
    expect(rec.status).toBe('partial');
  });
});
