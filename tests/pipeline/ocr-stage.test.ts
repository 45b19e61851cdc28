import type { DocumentModel, ImageSource, LoadedImage } from '../../src/model';
import { DEFAULT_POLICY } from '../../src/model';
import { ocrStage } from '../../src/pipeline/ocr-stage';
import { parseHtml } from '../../src/readers/html';
import { buildReport } from '../helpers/report-builder';

/** A picture source that records whether the stage asked for its pixels. */
function source(kind: 'page' | 'picture', images: LoadedImage[], extra: Partial<ImageSource> = {}) {
  const s = { loads: 0 };
  const src: ImageSource = { kind, name: `${kind} 1`, ...extra, load: async () => { s.loads++; return images; } };
  return { src, s };
}
const reportDoc = (): DocumentModel => parseHtml(buildReport('2021').html).doc;
const withoutTables = (): DocumentModel => ({ format: 'html', blocks: [{ kind: 'text', text: 'XX局2023年政府信息公开工作年度报告' }] });

describe('the OCR stage', () => {
  test('pictures are not even loaded when the text already gives the three tables', async () => {
    const { src, s } = source('picture', [{ kind: 'encoded', data: Buffer.alloc(10_000) }], { at: 0, bytes: 10_000 });
    const out = await ocrStage(reportDoc(), { images: [src] }, { policy: DEFAULT_POLICY });
    expect(s.loads).toBe(0);
    expect(out.recognized.tables.map((t) => t.table)).toEqual([2, 3, 4]);
    expect(out.unread).toEqual([]);
    expect(out.messages.map((m) => m.code)).toEqual(['images-not-needed']);
  });

  test('with OCR disabled a scanned page is reported unread, never loaded', async () => {
    const { src, s } = source('page', [], { page: 1, name: 'page 1' });
    const doc: DocumentModel = { format: 'pdf', blocks: [], pages: [{ page: 1, width: 595, height: 842, textChars: 0, imageOnly: true }] };
    const out = await ocrStage(doc, { images: [src] }, { policy: DEFAULT_POLICY, noOcr: true });
    expect(s.loads).toBe(0);
    expect(out.unread).toEqual([{ kind: 'page', name: 'page 1', page: 1, reason: 'OCR is disabled (--no-ocr)' }]);
    expect(out.recognized.tables).toEqual([]);
  });

  test('pictures too small for a table, missing files and non-images are named with the reason, once each', async () => {
    const tiny = source('picture', [{ kind: 'encoded', data: Buffer.alloc(100) }], { at: 1, bytes: 100, name: 'icon' });
    const gone = source('picture', [{ kind: 'missing', reason: 'not saved beside the page' }], { at: 1, name: 'chart.png' });
    const junk = source('picture', [{ kind: 'encoded', data: Buffer.alloc(DEFAULT_POLICY.pictureMinBytes + 1, 7) }], { at: 1, name: 'blob' });
    const out = await ocrStage(withoutTables(), { images: [tiny.src, gone.src, junk.src] }, { policy: DEFAULT_POLICY });
    expect(tiny.s.loads).toBe(0);
    expect(out.unread.map((u) => [u.name, u.reason])).toEqual([
      ['icon', '100 bytes is too small to hold a table'],
      ['chart.png', 'not saved beside the page'],
      ['blob', 'not an image format we decode'],
    ]);
    expect(out.messages.filter((m) => m.code === 'image-not-read')).toHaveLength(3);
    expect(out.seconds).toBe(0);
  });

  test('a page source that cannot give its image is unread with the reason, and the stage goes on', async () => {
    const src: ImageSource = { kind: 'page', name: 'page 2', page: 2, load: async () => { throw new Error('pdftoppm failed'); } };
    const doc: DocumentModel = { format: 'pdf', blocks: [], pages: [{ page: 2, width: 595, height: 842, textChars: 0, imageOnly: true }] };
    const out = await ocrStage(doc, { images: [src] }, { policy: DEFAULT_POLICY });
    expect(out.unread).toContainEqual({ kind: 'page', name: 'page 2', page: 2, reason: 'pdftoppm failed' });
  });
});
