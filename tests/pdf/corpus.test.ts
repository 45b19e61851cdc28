import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../../src/pipeline/extract';

/** The shared corpus lives beside the project (../shared); without it these tests skip. */
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
const FILES = [
  'real/hongze-2023.pdf',
  'real/hongze-2024.pdf',
  'seed/pingdingshan-jiaoti-2023.libreoffice.pdf',
  'seed/pingdingshan-jiaoti-2023.chromium.pdf',
  'seed/pingdingshan-jiaoti-2023.chromium-ttf.pdf',
];
const present = FILES.filter((f) => fs.existsSync(path.join(CORPUS, f)) && fs.existsSync(path.join(CORPUS, `${f}.truth.json`)));
const maybe = present.length ? describe : describe.skip;

maybe('PDF corpus (../shared/corpus)', () => {
  test.each(present)('%s: every truth cell right, nothing spurious', async (f) => {
    const truth = JSON.parse(fs.readFileSync(path.join(CORPUS, `${f}.truth.json`), 'utf8')) as { cells: Record<string, number | null>; year: number };
    const rec = await extract(path.join(CORPUS, f));
    const got = Object.fromEntries(Object.entries(rec.cells).map(([k, v]) => [k, v.value]));
    expect(got).toEqual(truth.cells);
    expect(rec.report.year).toBe(truth.year);
    expect(rec.tables.every((t) => t.methods.every((m) => m === 'lattice'))).toBe(true);
    // Every cell points back to its page and box.
    expect(Object.values(rec.cells).every((c) => c.page && c.bbox)).toBe(true);
  });

  const hongze = 'real/hongze-2023.pdf';
  (present.includes(hongze) ? test : test.skip)('hongze-2023: the printed wrong 总计 of table 四 stay as printed and fail their checks', async () => {
    const rec = await extract(path.join(CORPUS, hongze));
    expect(rec.cells['t4.review.total'].value).toBe(0);
    expect(rec.cells['t4.suit_after_review.total'].value).toBe(0);
    const failed = rec.checks.filter((c) => c.outcome === 'fail').map((c) => [c.id, c.left, c.right]);
    expect(failed).toEqual(expect.arrayContaining([['t4.block_sum', 11, 0], ['t4.block_sum', 5, 0]]));
    expect(failed).toHaveLength(2);
    // Table 三 continues from page 3 to page 4 and is stitched into one lattice table.
    expect(rec.tables.find((t) => t.table === 3)?.pages).toEqual([3, 4]);
  });
});
