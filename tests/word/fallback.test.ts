import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, readJson, score, type Expected } from './helpers';

/**
 * The .doc route when LibreOffice misbehaves, with a fake `soffice` (XXGK_SOFFICE) that reports a
 * version but then fails or hangs. Each jest test file has its own module registry, so the
 * binary lookup cached by the reader starts fresh here.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-fake-soffice-'));
const fake = path.join(dir, 'soffice');
const pidFile = path.join(dir, 'child.pid');
fs.writeFileSync(fake, `#!/bin/sh
if [ "$1" = "--version" ]; then echo "LibreOffice 7.4.7.2 (fake)"; exit 0; fi
if [ -f "${dir}/hang" ]; then sleep 300 & echo $! > "${pidFile}"; wait; fi
echo "fake soffice: conversion failed" >&2
exit 1
`);
fs.chmodSync(fake, 0o755);
process.env.XXGK_SOFFICE = fake;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { extract } = require('../../src/pipeline/extract') as typeof import('../../src/pipeline/extract');

const expected = readJson<Expected>(path.join(FIXTURES, 'expected-report-hybrid.json'));
/** Running, not a zombie waiting for a container's init to reap it. */
const alive = (pid: number) => {
  try { return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('when LibreOffice fails, .doc falls back to the text route', () => {
  it('after a failed conversion, with the reason recorded', async () => {
    const rec = await extract(path.join(FIXTURES, 'report-hybrid.doc'));
    expect(rec.source.route).toBe('word-extractor');
    const w = rec.warnings.find((m) => m.code === 'doc-libreoffice-failed');
    expect(w?.message).toMatch(/LibreOffice produced no \.docx \(exit 1: fake soffice: conversion failed\)/);
    expect(score(rec, expected).wrong).toEqual([]);
    expect(rec.status).toBe('ok');
  });

  it('after a timeout, killing the converter and its children', async () => {
    fs.writeFileSync(path.join(dir, 'hang'), '');
    const t0 = Date.now();
    const rec = await extract(path.join(FIXTURES, 'report-hybrid.doc'), { timeoutSeconds: 1 });
    expect(Date.now() - t0).toBeLessThan(15000);
    expect(rec.warnings.find((m) => m.code === 'doc-libreoffice-failed')?.message).toMatch(/did not finish within 1 s \(killed\)/);
    expect(rec.source.route).toBe('word-extractor');
    expect(score(rec, expected).wrong).toEqual([]);
    const child = Number(fs.readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 500));
    expect(alive(child)).toBe(false);
    expect(execSync('ls /tmp').toString()).not.toMatch(new RegExp(`xxgk-lo-${process.pid}-`));
  });
});
