import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../src/pipeline/extract';
import { oleKind, readOle } from '../../src/readers/ole';
import { sniff } from '../../src/readers/sniff';
import { findSoffice } from '../../src/readers/word/libreoffice';
import { buildReport } from '../helpers/report-builder';
import { FIXTURES } from './helpers';

const fx = (f: string) => fs.readFileSync(path.join(FIXTURES, f));

describe('Word files are sniffed from their bytes', () => {
  it('tells Word 97, encrypted Word 97 and encrypted OOXML apart inside OLE files', () => {
    expect(sniff(fx('report-2019.doc'))).toEqual({ type: 'ole', detail: 'word' });
    expect(sniff(fx('encrypted.doc'))).toEqual({ type: 'ole', detail: 'word-encrypted' });
    expect(sniff(fx('encrypted-ooxml.docx'))).toEqual({ type: 'ole', detail: 'encrypted-ooxml' });
    expect(sniff(fx('report-2019.docx')).type).toBe('docx');
    expect(readOle(fx('report-2019.doc'))!.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['WordDocument', '1Table']));
  });

  it('reports a damaged OLE header instead of throwing', () => {
    const buf = Buffer.from(fx('report-2019.doc').subarray(0, 600));
    buf.writeUInt16LE(3, 0x1e); // impossible sector size
    expect(oleKind(buf)).toEqual({ kind: 'damaged' });
    expect(oleKind(Buffer.from('not ole'))).toEqual({ kind: 'damaged' });
  });

  it('reads a .doc named .docx and a .wps that is Word 97 with the Word 97 reader', async () => {
    const buf = fx('report-hybrid.doc');
    const asDocx = await extract(buf, { name: 'report.docx', noLibreOffice: true });
    expect(asDocx.source).toMatchObject({ format: 'doc', route: 'word-extractor' });
    expect(asDocx.status).toBe('ok');
    const asWps = await extract(buf, { name: 'report.wps', noLibreOffice: true });
    expect(asWps.source).toMatchObject({ format: 'wps', route: 'word-extractor' });
    expect(asWps.status).toBe('ok');
  });

  it('reads an HTML page saved as .doc with the HTML reader', async () => {
    const rec = await extract(Buffer.from(buildReport('2019').html), { name: 'report.doc' });
    expect(rec.source.format).toBe('html');
    expect(rec.status).toBe('ok');
  });

  it('an OLE file that is not a Word document fails with what it is', async () => {
    // Rename the WordDocument stream in the directory: an OLE file with no Word stream.
    const buf = Buffer.from(fx('report-2019.doc'));
    const at = buf.indexOf(Buffer.from('WordDocument', 'utf16le'));
    Buffer.from('Workbook\0\0\0\0', 'utf16le').copy(buf, at);
    buf.writeUInt16LE(18, at + 0x40);
    expect(sniff(buf)).toEqual({ type: 'ole', detail: 'excel' });
    const rec = await extract(buf, { name: 'x.doc' });
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toMatch(/Excel workbook/);
  });
});

describe('RTF (often published as .doc)', () => {
  const withLibreOffice = findSoffice() ? it : it.skip;
  withLibreOffice('goes through LibreOffice; without it, fails saying so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-rtf-'));
    try {
      const r = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'rtf', '--outdir', dir, path.join(FIXTURES, 'report-hybrid.docx')], { timeout: 120000 });
      expect(r.status).toBe(0);
      const rtf = fs.readFileSync(path.join(dir, 'report-hybrid.rtf'));
      expect(sniff(rtf).type).toBe('rtf');
      const rec = await extract(rtf, { name: 'report-hybrid.doc' });
      expect(rec.source).toMatchObject({ format: 'rtf', route: 'libreoffice->docx' });
      expect(rec.status).toBe('ok');
      expect(rec.report.formatVersion).toBe('hybrid');
      expect(rec.cells['t3.other.combined.total'].value).toBe(3);
      const without = await extract(rtf, { name: 'report-hybrid.doc', noLibreOffice: true });
      expect(without.status).toBe('failed');
      expect(without.statusReason).toMatch(/RTF document: reading it needs LibreOffice/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a .docx published under a .doc name', () => {
  it('is read as .docx', async () => {
    const rec = await extract(fx('report-2019.docx'), { name: 'report.doc' });
    expect(rec.source).toMatchObject({ format: 'docx', route: 'mammoth' });
    expect(rec.status).toBe('ok');
  });
});

describe('Word 6/95 files', () => {
  it('are told apart (wIdent 0xA5DC) and need LibreOffice', async () => {
    const buf = Buffer.from(fx('report-2019.doc'));
    // The WordDocument stream's first sector: the FIB starts with wIdent.
    const at = buf.indexOf(Buffer.from([0xec, 0xa5]));
    expect(at).toBeGreaterThan(0);
    buf.writeUInt16LE(0xa5dc, at);
    expect(sniff(buf)).toEqual({ type: 'ole', detail: 'word95' });
    const rec = await extract(buf, { name: 'old.doc', noLibreOffice: true });
    expect(rec.status).toBe('failed');
    expect(rec.statusReason).toMatch(/Word 6\/95 file: reading it needs LibreOffice/);
  });
});
