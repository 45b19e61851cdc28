import path from 'node:path';
import { extract } from '../../src/pipeline/extract';
import { findSoffice } from '../../src/readers/word/libreoffice';
import { withCorpus } from '../helpers/corpus';
import { readJson, score, SEED, type Expected } from './helpers';

const docx = path.join(SEED, 'pingdingshan-jiaoti-2023.docx');
const doc = path.join(SEED, 'pingdingshan-jiaoti-2023.doc');
const truth = (f: string) => readJson<Expected>(`${f}.truth.json`);
const withLibreOffice = findSoffice() ? it : it.skip;

withCorpus('seed Word renditions score 200/200', () => {
  it('.docx through mammoth', async () => {
    const rec = await extract(docx);
    expect(rec.source).toMatchObject({ format: 'docx', route: 'mammoth' });
    const s = score(rec, truth(docx));
    expect(s.wrong).toEqual([]);
    expect(s.spurious).toEqual([]);
    expect(s.right).toBe(200);
    expect(rec.status).toBe('ok');
    expect(rec.report).toMatchObject({ year: 2023, agency: '平顶山市教育体育局', formatVersion: '2021' });
  });

  withLibreOffice('.doc through LibreOffice -> .docx', async () => {
    const rec = await extract(doc);
    expect(rec.source).toMatchObject({ format: 'doc', route: 'libreoffice->docx' });
    const s = score(rec, truth(doc));
    expect(s.wrong).toEqual([]);
    expect(s.spurious).toEqual([]);
    expect(s.right).toBe(200);
    expect(rec.status).toBe('ok');
  });

  it('.doc without LibreOffice: word-extractor text, rows rebuilt from the row labels', async () => {
    const rec = await extract(doc, { noLibreOffice: true });
    expect(rec.source).toMatchObject({ format: 'doc', route: 'word-extractor' });
    const s = score(rec, truth(doc));
    expect(s.wrong).toEqual([]);
    expect(s.spurious).toEqual([]);
    expect(s.right).toBe(200);
    expect(rec.status).toBe('ok');
    expect(rec.tables.map((t) => t.methods)).toEqual([['text-flat'], ['text-flat'], ['text-flat']]);
    expect(rec.warnings.filter((w) => w.code === 'rows-rebuilt')).toHaveLength(3);
  });
});
