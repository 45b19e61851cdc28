import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../../src/pipeline/extract';
import { pdfjsWorkerKind } from '../../src/readers/pdf/pdfjs';
import { renderThumbnails, thumbnailSupport } from '../../src/readers/pdf/thumbnail';

import { itWithCorpus, REAL } from '../helpers/corpus';

const pdf = path.join(REAL, 'hongze-2023.pdf');

itWithCorpus('after in-process PDF extraction, thumbnails are declined with the reason, not drawn without glyphs', async () => {
  const rec = await extract(pdf);
  expect(rec.status).toBe('ok');
  expect(pdfjsWorkerKind()).toBe('text-only');
  const support = await thumbnailSupport();
  expect(support.ok).toBe(false);
  expect(support.reason).toMatch(/text-only pdf\.js worker.*xxgk review/);
  const r = await renderThumbnails(fs.readFileSync(pdf), [{ page: 4 }]);
  expect(r.value).toEqual([]);
  expect(r.messages[0].message).toMatch(/text-only/);
}, 120_000);
