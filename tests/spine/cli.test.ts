/** The command line (commander): options reach the readers, help states the defaults, exit codes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { summarize } from '../../src/cli/summary';
import type { ReaderInput, ReaderOptions } from '../../src/readers/types';
import { registerReader } from '../../src/readers/registry';
import { TextReader } from '../../src/readers/text';

function capture() {
  const out: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => { out.push(String(s)); return true; });
  return { text: () => out.join(''), restore: () => { o.mockRestore(); e.mockRestore(); } };
}

test('--timeout and --ocr-page-seconds are separate options with their defaults in the help, passed down to the readers', async () => {
  const c = capture();
  try {
    expect(await main(['extract', '--help'])).toBe(0);
    const help = c.text();
    expect(help).toMatch(/--timeout <SEC>[\s\S]*?default 120/);
    expect(help).toMatch(/--ocr-page-seconds <SEC>[\s\S]*?default 180/);
    expect(await main(['extract', 'x.txt', '--ocr-page-seconds', 'soon'])).toBe(2);
    expect(await main(['extract', 'x.txt', '--bogus'])).toBe(2);
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main([])).toBe(2);
    expect(await main(['--version'])).toBe(0);
  } finally { c.restore(); }
  const seen: ReaderOptions[] = [];
  const text = new TextReader();
  registerReader('text', { read: (input: ReaderInput) => { seen.push(input.options); return text.read(input); } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-cli-'));
  writeFileSync(path.join(dir, 'a.txt'), '一、总体情况\n');
  const c2 = capture();
  try {
    expect(await main(['extract', path.join(dir, 'a.txt'), '--out', path.join(dir, 'out'), '--workers', '0', '--quiet', '--ocr-page-seconds', '42', '--timeout', '7', '--no-ocr'])).toBe(0);
  } finally { c2.restore(); }
  expect(seen).toHaveLength(1);
  // Readers get the policy: the OCR page budget and the converter time limit, each from its own option.
  expect(seen[0].policy).toMatchObject({ ocrPageSeconds: 42, converterSeconds: 7 });
});

test('the summary counts worker replacements by their typed end, not by the wording of the reason', () => {
  const w = (id: number, ended: 'timeout' | 'memory' | 'heap' | 'crash' | 'recycled' | 'closed', endedBy: string) => ({ id, pid: id, files: 1, peakRssBytes: 0, ended, endedBy });
  const s = summarize([], 0, 1, [w(1, 'timeout', 'crashed? no'), w(2, 'heap', 'x'), w(3, 'memory', 'timed out (not really)'), w(4, 'crash', 'y'), w(5, 'recycled', 'exit 0'), w(6, 'closed', 'signal SIGTERM')], '/o');
  expect(s.workers.replaced).toEqual({ timeout: 1, memory: 2, crash: 1 });
});
