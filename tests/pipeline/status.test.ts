import { decideStatus, type StatusFacts } from '../../src/pipeline/status';

const full = [
  { table: 2 as const, cellsFound: 10, cellsExpected: 10 },
  { table: 3 as const, cellsFound: 175, cellsExpected: 175 },
  { table: 4 as const, cellsFound: 15, cellsExpected: 15 },
];
const base: StatusFacts = { unread: [], isReport: true, year: 2023, tables: full, uncertainCells: 0 };
const scanPages = [1, 2].map((page) => ({ kind: 'page' as const, name: `page ${page}`, page, reason: 'OCR is disabled (--no-ocr)' }));
const picture = { kind: 'picture' as const, name: 'image 1 (word/media/image1.png)', reason: 'no OCR engine: the PP-OCR models are not installed' };

// One row per case: the facts that differ from a complete 2023 report, the status, and what the reason must say.
const cases: [string, Partial<StatusFacts>, string, RegExp | undefined][] = [
  ['complete report', {}, 'ok', undefined],
  ['cells to review', { uncertainCells: 3 }, 'partial', /^3 cells need review/],
  ['a table missing', { tables: full.slice(0, 2) }, 'partial', /^table 四 not found$/],
  ['a table incomplete', { tables: [full[0], { table: 3, cellsFound: 170, cellsExpected: 175 }, full[2]] }, 'partial', /^table 三: 170\/175 cells$/],
  ['table missing, scans not read', { tables: full.slice(1), unread: scanPages }, 'partial', /^table 二 not found; pages 1, 2 are images without text \(a scan\) and need OCR, which was not done: OCR is disabled/],
  ['all tables, a picture not read', { unread: [picture] }, 'ok', undefined],
  ['pre-2019 report', { year: 2017, tables: [] }, 'unsupported', /^a 2017 report: reports before 2019/],
  ['pre-2019 with two tables read', { year: 2018, tables: full.slice(0, 2) }, 'partial', /table 四 not found/],
  ['unreadable file', { tables: [], unreadable: { kind: 'encrypted', reason: 'the PDF is encrypted' } }, 'failed', /^the PDF is encrypted$/],
  ['scan without OCR', { tables: [], unread: scanPages }, 'failed', /^pages 1, 2 are images without text/],
  ['image file without OCR', { tables: [], unread: [{ kind: 'page', name: 'the image', reason: 'OCR is disabled (--no-ocr)' }] }, 'failed', /^the input is an image and needs OCR, which was not done: OCR is disabled/],
  ['not a report', { tables: [], isReport: false }, 'unsupported', /^not a government information-disclosure annual report/],
  ['no tables, a picture unread, a report', { tables: [], unread: [picture] }, 'failed', /^a report, but none of the standard tables 二\/三\/四 was found; the file has 1 picture that was not read \(see warnings\)$/],
  ['no tables, pictures unread, no report title', { tables: [], isReport: false, unread: [picture, picture] }, 'failed', /^none of the standard tables in the text, and 2 pictures that were not read: no OCR engine/],
  ['a report without tables', { tables: [] }, 'failed', /^a report, but none of the standard tables 二\/三\/四 was found$/],
];

describe('record status from facts', () => {
  test.each(cases)('%s', (_name, facts, status, reason) => {
    const d = decideStatus({ ...base, ...facts });
    expect(d.status).toBe(status);
    if (reason) expect(d.reason).toMatch(reason);
    else expect(d.reason).toBeUndefined();
  });
});
