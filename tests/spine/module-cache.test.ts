/**
 * The code cache of the package's own modules (util/module-cache.ts): a process compiles what it
 * loads, saves the cache, and the next process of the same kind runs the cached bytecode; a module
 * whose source changed (even to one of the same length, which V8's own check would let through)
 * is compiled from its new source. Each scenario is a fresh process on dist/ with its own temp dir.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../batch/folder';

const ROOT = path.resolve(__dirname, '..', '..');
const PROBE = path.join(ROOT, 'dist', `module-cache-probe-${process.pid}.js`);
const CHILD = `
const cache = require(${JSON.stringify(path.join(ROOT, 'dist', 'util', 'module-cache.js'))}).useModuleCache('cli');
const value = require(process.argv[1]);
const fields = process.argv[2] === 'no-fields' ? 0 : require(${JSON.stringify(path.join(ROOT, 'dist', 'schema', 'fields.js'))}).FIELDS.length;
const stats = cache.stats();
cache.save();
process.stdout.write(JSON.stringify({ value, fields, ...stats }));`;

const run = (tmp: string, ...args: string[]) => JSON.parse(execFileSync(process.execPath, ['-e', CHILD, PROBE, ...args], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' })) as
  { value: number; fields: number; hits: number; misses: number };

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(PROBE, { force: true }));

test('the next process runs the cached code; a module whose source changed is compiled anew', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-modcache-'));
  try {
    writeFileSync(PROBE, 'module.exports = 1;\n');
    const first = run(tmp);
    expect(first).toMatchObject({ value: 1, hits: 0 });
    expect(first.misses).toBeGreaterThan(2); // the probe, fields.js and what it requires
    const second = run(tmp);
    expect(second).toEqual({ value: 1, fields: first.fields, hits: first.misses, misses: 0 });
    writeFileSync(PROBE, 'module.exports = 2;\n'); // same length
    const third = run(tmp);
    expect(third).toEqual({ value: 2, fields: first.fields, hits: first.misses - 1, misses: 1 });
    // A run that loads fewer modules keeps the entries of the others for the next full run.
    expect(run(tmp, 'no-fields')).toMatchObject({ value: 2, fields: 0, hits: 1, misses: 0 });
    writeFileSync(PROBE, 'module.exports = 4;\n');
    expect(run(tmp, 'no-fields')).toMatchObject({ value: 4, hits: 0, misses: 1 });
    expect(run(tmp)).toEqual({ value: 4, fields: first.fields, hits: first.misses, misses: 0 });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 60_000);

test('a module that imports an ES module at run time still can, cache or not', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-modcache-'));
  const child = `
const cache = require(${JSON.stringify(path.join(ROOT, 'dist', 'util', 'module-cache.js'))}).useModuleCache('cli');
require(process.argv[1])('node:path').then((m) => { cache.save(); process.stdout.write(typeof m.join); }, (e) => { process.stdout.write(String(e.message)); });`;
  try {
    writeFileSync(PROBE, "module.exports = new Function('s', 'return import(s)');\n");
    for (let i = 0; i < 2; i++) expect(execFileSync(process.execPath, ['-e', child, PROBE], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' })).toBe('function');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 60_000);

test('without a usable cache directory, modules load as usual', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-modcache-'));
  try {
    writeFileSync(path.join(tmp, `xxgk-pdfjs-${process.getuid?.() ?? 'user'}`), 'a file where the directory should be');
    writeFileSync(PROBE, 'module.exports = 3;\n');
    expect(run(tmp)).toMatchObject({ value: 3, hits: 0, misses: 0 });
    expect(run(tmp)).toMatchObject({ value: 3, hits: 0, misses: 0 });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 60_000);
