/**
 * pdf.js run as scripts with a V8 code cache (readers/pdf/script-cache.ts): the cache is written
 * after the first document, used by the next process, replaced when damaged, and without a usable
 * cache directory PDFs are read all the same. Each scenario is a fresh process on dist/ with its
 * own temp dir, so the caches of the machine are never touched.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { moduleAsScript } from '../../src/readers/pdf/script-cache';
import { ensureBuilt } from '../batch/folder';

const ROOT = path.resolve(__dirname, '..', '..');
const PDF = path.join(ROOT, 'tests', 'fixtures', 'pdf', 'landscape.chromium.pdf');
const dist = (p: string) => JSON.stringify(path.join(ROOT, 'dist', p));
// One process reading one PDF through the library: its code caches and what it read.
const CHILD = `
const { extractDocument } = require(${dist('pipeline/extract.js')});
const { scriptCacheReports } = require(${dist('readers/pdf/script-cache.js')});
const { pdfjsWorkerKind, pdfjsLibraryKind } = require(${dist('readers/pdf/pdfjs.js')});
extractDocument(process.argv[1]).then(({ record }) => process.stdout.write(JSON.stringify({
  caches: scriptCacheReports(), kinds: [pdfjsWorkerKind(), pdfjsLibraryKind()],
  read: { status: record.status, tables: record.tables, cells: record.cells, warnings: record.warnings.map((w) => w.code) },
})));`;

interface Child { caches: { name: string; cache: string; written: boolean; problem?: string }[]; kinds: string[]; read: unknown }
const read = (tmp: string): Child => JSON.parse(execFileSync(process.execPath, ['-e', CHILD, PDF], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' }));
const cacheDir = (tmp: string) => path.join(tmp, `xxgk-pdfjs-${process.getuid?.() ?? 'user'}`);
const cacheFiles = (tmp: string) => readdirSync(cacheDir(tmp)).filter((f) => f.endsWith('.v8cache')).map((f) => path.join(cacheDir(tmp), f));
const states = (c: Child) => Object.fromEntries(c.caches.map((r) => [r.name, `${r.cache}${r.written ? '+written' : ''}`]));

beforeAll(() => ensureBuilt());

test('an ES-module bundle becomes a function returning its exports (renamed ones too); another shape is refused', () => {
  const src = 'const a = 1;\nfunction b() { return import.meta.url; }\nexport { a, b as c };\n\n//# sourceMappingURL=x.map\n';
  const wrapped = moduleAsScript(src)!;
  const exports = (vm.runInThisContext(wrapped) as (url: string) => { a: number; c: () => string })('file:///x.mjs');
  expect(exports.a).toBe(1);
  expect(exports.c()).toBe('file:///x.mjs');
  expect(moduleAsScript('const a = 1;\n')).toBeNull();
  expect(moduleAsScript('const a = 1;\nexport { a };\nconsole.log(a);\n')).toBeNull(); // code after the export list
});

test('the first process writes the caches, the next uses them, a damaged cache is replaced; the PDF reads the same every time', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-codecache-'));
  const first = read(tmp);
  expect(first.kinds).toEqual(['text-only', 'no-canvas']); // the patched bundles, not the stock fallback
  expect(states(first)).toEqual({ worker: 'miss+written', pdf: 'miss+written' });
  expect(cacheFiles(tmp)).toHaveLength(2);
  expect(Object.keys((first.read as { cells: object }).cells).length).toBeGreaterThan(10); // a real reading to compare

  const second = read(tmp);
  expect(states(second)).toEqual({ worker: 'hit', pdf: 'hit' });
  expect(second.read).toEqual(first.read);

  // Garbage in one cache, the other cut short: V8 refuses both, the bundles compile, new caches are written.
  const [a, b] = cacheFiles(tmp);
  writeFileSync(a, Buffer.alloc(readFileSync(a).length, 0x5a));
  writeFileSync(b, readFileSync(b).subarray(0, 1000));
  const damaged = read(tmp);
  expect(states(damaged)).toEqual({ worker: 'rejected+written', pdf: 'rejected+written' });
  for (const r of damaged.caches) expect(r.problem).toMatch(/rejected by V8/);
  expect(damaged.read).toEqual(first.read);
  expect(states(read(tmp))).toEqual({ worker: 'hit', pdf: 'hit' });
}, 120_000);

test('without a usable cache directory the bundles compile without a cache, and say why', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'xxgk-codecache-')), 'not-a-dir');
  writeFileSync(file, '');
  const withCache = read(mkdtempSync(path.join(os.tmpdir(), 'xxgk-codecache-')));
  const without = read(file); // TMPDIR is a file: the private directory cannot be made
  expect(states(without)).toEqual({ worker: 'off', pdf: 'off' });
  for (const r of without.caches) expect(r.problem).toMatch(/no code cache directory/);
  expect(without.kinds).toEqual(['text-only', 'no-canvas']);
  expect(without.read).toEqual(withCache.read);
}, 120_000);
