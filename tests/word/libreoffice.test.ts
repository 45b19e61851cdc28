import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversionError, convertToDocx, findSoffice } from '../../src/readers/word/libreoffice';
import { FIXTURES } from './helpers';

const withLibreOffice = findSoffice() ? it : it.skip;
const leftovers = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`xxgk-lo-${process.pid}-`));

describe('LibreOffice conversion', () => {
  withLibreOffice('converts .doc to .docx in a private profile and removes its temp folder', async () => {
    const out = await convertToDocx(fs.readFileSync(path.join(FIXTURES, 'report-2019.doc')), 'doc', 60);
    expect(out.subarray(0, 2).toString()).toBe('PK');
    expect(leftovers()).toEqual([]);
  });

  withLibreOffice('kills the conversion at the timeout and cleans up', async () => {
    const started = Date.now();
    await expect(convertToDocx(fs.readFileSync(path.join(FIXTURES, 'report-2019.doc')), 'doc', 0.2)).rejects.toThrow(ConversionError);
    expect(Date.now() - started).toBeLessThan(10000);
    expect(leftovers()).toEqual([]);
  });
});
