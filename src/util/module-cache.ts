import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { keepFresh, privateDir, readOwnFile, removeStale } from './private-dir';

/**
 * A V8 code cache for this package's own CommonJS modules (dist/ and the node_modules it loads),
 * as readers/pdf/script-cache.ts does for pdf.js: a one-file run compiles every function it
 * reaches once (commander, the store, the schema, the readers, the writers: ~0.1 s of CPU per
 * process or thread), and Node 20 has no compile cache (`module.enableCompileCache` is Node 22).
 * Each module is compiled as a script with the cached bytecode; after the first run of a process
 * kind (`cli`, `thread`, `worker`) the cache, which then holds every function that ran, is written
 * to the private cache directory. An entry is used only for the very source it was made from (its
 * SHA-1), and V8 checks its own version and flags; without a usable directory nothing is cached
 * and nothing else changes. Modules outside this package (BatchOptions.workerModules) compile as usual.
 */

const ROOT = path.resolve(__dirname, '..', '..') + path.sep;
const NAME = 'modules';

interface Entry { file: string; sha1: string; offset: number; length: number }
interface Compiled { file: string; sha1: string; script: vm.Script; hit: boolean }

export interface ModuleCache {
  /** Write the cache if any module compiled without it (call after the work: it then holds every function that ran). */
  save(): void;
  /** Modules compiled with cached bytecode / without (for tests). */
  stats(): { hits: number; misses: number };
}

let installed: ModuleCache | undefined;

/** Install the cache for this process or thread (once; later calls return the same). */
export function useModuleCache(kind: 'cli' | 'thread' | 'worker'): ModuleCache {
  if (installed) return installed;
  const dir = privateDir();
  const file = 'dir' in dir ? path.join(dir.dir, `${NAME}-${kind}-${keyOf(kind)}.v8cache`) : undefined;
  const cached = file ? readCache(file) : new Map<string, { sha1: string; data: Buffer }>();
  if (file && cached.size) keepFresh(file);
  const compiled: Compiled[] = [];
  let saved = false;
  const M = Module as unknown as { prototype: { _compile(content: string, filename: string): unknown }; wrap(s: string): string; _resolveFilename(r: string, m: unknown, isMain: boolean, o?: unknown): string; _cache: unknown; _extensions: unknown };
  const original = M.prototype._compile;
  M.prototype._compile = function (this: NodeJS.Module, content: string, filename: string) {
    // A module that imports ES modules (`new Function('s', 'return import(s)')`, as writers/parquet
    // does) loads the usual way: code made by `new Function` inside a vm.Script gets no dynamic-import
    // hook ("A dynamic import callback was not specified").
    if (!file || !filename.startsWith(ROOT) || content.includes('import(')) return original.call(this, content, filename);
    const sha1 = createHash('sha1').update(content).digest('hex');
    const entry = cached.get(filename);
    const cachedData = entry && entry.sha1 === sha1 ? entry.data : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(M.wrap(content), { filename, cachedData, importModuleDynamically: loader() as never });
    } catch {
      return original.call(this, content, filename); // let Node report the syntax error its own way
    }
    compiled.push({ file: filename, sha1, script, hit: !!cachedData && !script.cachedDataRejected });
    const mod = this;
    const req = ((id: string) => mod.require(id)) as NodeJS.Require;
    req.resolve = ((r: string, o?: unknown) => M._resolveFilename(r, mod, false, o)) as NodeJS.RequireResolve;
    req.main = require.main;
    req.cache = M._cache as NodeJS.Require['cache'];
    req.extensions = M._extensions as NodeJS.Require['extensions'];
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    return fn.call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  };
  installed = {
    stats: () => ({ hits: compiled.filter((c) => c.hit).length, misses: compiled.filter((c) => !c.hit).length }),
    save() {
      if (!file || saved || compiled.every((c) => c.hit)) return;
      saved = true;
      // Entries of modules this run did not load stay (a PDF run and a .txt run load different readers).
      const now = new Set(compiled.map((c) => c.file));
      writeCache(file, compiled, [...cached].filter(([f]) => !now.has(f)).map(([f, e]) => ({ file: f, ...e })));
    },
  };
  return installed;
}

/** Node build, flags and where the package sits: another of any of them never meets this cache. */
function keyOf(kind: string): string {
  return createHash('sha256').update(`${kind}\0${process.version}\0${process.arch}\0${process.versions.v8}\0${process.execArgv.join(' ')}\0${ROOT}`).digest('hex').slice(0, 20);
}

const loader = () => (vm.constants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

/* The file: a 4-byte length, a JSON index of entries, then the V8 data of every entry. */
function readCache(file: string): Map<string, { sha1: string; data: Buffer }> {
  const out = new Map<string, { sha1: string; data: Buffer }>();
  const b = readOwnFile(file);
  if (!b || b.length < 4) return out;
  try {
    const n = b.readUInt32LE(0);
    const base = 4 + n;
    for (const e of JSON.parse(b.toString('utf8', 4, base)) as Entry[]) {
      if (base + e.offset + e.length <= b.length) out.set(e.file, { sha1: e.sha1, data: b.subarray(base + e.offset, base + e.offset + e.length) });
    }
  } catch { out.clear(); /* damaged: compiled without, and written anew */ }
  return out;
}

function writeCache(file: string, compiled: Compiled[], kept: { file: string; sha1: string; data: Buffer }[]): void {
  const datas: Buffer[] = [];
  const index: Entry[] = [];
  let offset = 0;
  const add = (f: string, sha1: string, data: Buffer) => {
    index.push({ file: f, sha1, offset, length: data.length });
    datas.push(data);
    offset += data.length;
  };
  for (const c of compiled) {
    try { add(c.file, c.sha1, c.script.createCachedData()); } catch { /* not cached: compiled next time */ }
  }
  for (const k of kept) add(k.file, k.sha1, k.data);
  const head = Buffer.from(JSON.stringify(index));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([len, head, ...datas]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file); // atomic: a parallel process reads the old cache or the new one
    removeStale(path.dirname(file), NAME, file);
  } catch {
    try { fs.unlinkSync(tmp); } catch { /* never created */ }
  }
}
