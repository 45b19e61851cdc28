import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractBatch } from '../../src/pipeline/batch';
import { extract } from '../../src/pipeline/extract';
import { FIXTURES } from './helpers';

const fx = (f: string) => path.join(FIXTURES, f);

describe('unreadable Word files give failed records with the reason', () => {
  it('a corrupt .docx (bad ZIP)', async () => {
    const rec = await extract(fx('corrupt.docx'));
    expect(rec.status).toBe('failed');
    expect(rec.source.format).toBe('docx');
    expect(rec.statusReason).toMatch(/not a readable \.docx: the ZIP container is damaged/);
  });

  it('a password-protected .docx (OLE EncryptionInfo + EncryptedPackage)', async () => {
    const rec = await extract(fx('encrypted-ooxml.docx'));
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toMatch(/^password-protected/);
    expect(rec.warnings.some((w) => w.code === 'password-protected' && w.severity === 'error')).toBe(true);
  });

  it('a password-protected Word 97 .doc (FIB fEncrypted), on both routes', async () => {
    for (const options of [{}, { noLibreOffice: true }]) {
      const rec = await extract(fx('encrypted.doc'), options);
      expect(rec.status).toBe('failed');
      expect(rec.source.format).toBe('doc');
      expect(rec.statusReason).toMatch(/^password-protected: the Word 97 file is encrypted/);
    }
  });

  it('a zero-byte .docx', async () => {
    const rec = await extract(Buffer.alloc(0), { name: 'empty.docx' });
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toBe('empty file (0 bytes)');
  });

  it('a batch continues past all of them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-word-batch-'));
    try {
      const empty = path.join(dir, 'empty.doc');
      fs.writeFileSync(empty, '');
      const files = [fx('corrupt.docx'), empty, fx('encrypted.doc'), fx('encrypted-ooxml.docx'), fx('report-hybrid.docx')];
      const recs = [];
      for await (const r of extractBatch(files)) recs.push(r);
      expect(recs.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'ok']);
      expect(recs.every((r) => r.statusReason || r.status === 'ok')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('images inside Word files', () => {
  it('are named, and one too small to hold a table is said not to be read', async () => {
    const rec = await extract(fx('with-image.docx'));
    const w = rec.warnings.filter((m) => m.code === 'word-image');
    expect(w).toHaveLength(1);
    expect(w[0].message).toMatch(/^image 1 \(word\/media\/image1\.png, image\/png, \d+ bytes/);
    const skipped = rec.warnings.filter((m) => m.code === 'image-not-read');
    expect(skipped).toHaveLength(1);
    expect(skipped[0].message).toMatch(/word\/media\/image1\.png.*too small to hold a table/);
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toBe('a report, but none of the standard tables 二/三/四 was found; the file has 1 picture that was not read (see warnings)');
  });
});
