import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { keepFresh, privateDir, readOwnFile, removeStale } from '../../util/private-dir';

/**
 * pdf.js's two bundles (3.3 MB of JavaScript) cost most of a one-PDF cold start: parsing and
 * compiling them, then compiling lazily every function the first document reaches. Node 20 has
 * no compile cache for ES modules, but a classic script takes a V8 code cache (`cachedData`), and
 * a cache made after the first document holds the bytecode of every function it ran. So the
 * bundles, which are plain webpack output ending in one `export { ... }`, are run as a function
 * returning their exports, and the cache is kept in a private directory under the temp dir.
 *
 * V8 checks a cache against its own version, flags and the source's length and rejects what does
 * not fit; the file name carries a hash of the source, Node version and flags besides, so another
 * pdf.js copy or patch set never meets a cache of a different source. Without a usable directory,
 * or with a damaged cache, the bundle is compiled as usual (a little slower, nothing else).
 */

/** What happened with one bundle's code cache in this process (for diagnostics and tests). */
export interface ScriptCacheReport {
  name: string;
  /** `hit`: the cache was used; `miss`: none yet; `rejected`: V8 refused it (damaged, other V8);
   * `off`: no private cache directory (unwritable temp dir), compiled without a cache. */
  cache: 'hit' | 'miss' | 'rejected' | 'off';
  /** A new cache was written after the first document (after a miss or a rejection). */
  written: boolean;
  /** Why there is no cache, or why writing it failed: for people. */
  problem?: string;
}

interface Loaded { script: vm.Script; file?: string; report: ScriptCacheReport }
const loaded: Loaded[] = [];

/** The reports of every bundle run as a script in this process. */
export function scriptCacheReports(): ScriptCacheReport[] {
  return loaded.map((l) => ({ ...l.report }));
}

/**
 * An ES-module bundle as the source of a function `(importMetaUrl) => exports`, or null when its
 * shape is not the one we know (then it is imported as a module, as stock).
 */
export function moduleAsScript(source: string): string | null {
  const at = source.lastIndexOf('\nexport {');
  const end = at < 0 ? -1 : source.indexOf('};', at);
  if (end < 0 || !/^\s*(\/\/[^\n]*\s*)*$/.test(source.slice(end + 2))) return null;
  const names = source.slice(at + '\nexport {'.length, end).split(',').map((s) => s.trim()).filter(Boolean);
  const fields = names.map((n) => {
    const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(n);
    return m ? `${m[2] ?? m[1]}: ${m[1]}` : null;
  });
  if (!fields.length || fields.some((f) => f === null)) return null;
  // Any other module syntax left (a static import, import.meta beyond .url) fails to compile: then
  // the caller imports the bundle as a module. One line of wrapper before the body keeps the
  // bundle's line numbers in stack traces.
  return `(function (__xxgkImportMetaUrl) {"use strict";${source.slice(0, at).replaceAll('import.meta.url', '__xxgkImportMetaUrl')}\nreturn { ${fields.join(', ')} };\n})`;
}

/**
 * Run `source` (an ES-module bundle read from `file`, possibly patched) as a script with a code
 * cache, and return its exports; null when it cannot run as a script (the caller imports it).
 */
export function runModuleAsScript(file: string, source: Buffer, name: string): Record<string, unknown> | null {
  const wrapped = moduleAsScript(source.toString('utf8'));
  const loader = (vm.constants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!wrapped || !loader) return null;
  const report: ScriptCacheReport = { name, cache: 'off', written: false };
  const dir = privateDir();
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  if ('problem' in dir) report.problem = dir.problem;
  else {
    // The bytes, and the wrapping code itself (hashing the decoded megabytes costs more).
    const key = createHash('sha256').update(source).update(moduleAsScript.toString())
      .update(`\0${process.version}\0${process.arch}\0${process.versions.v8}\0${process.execArgv.join(' ')}`).digest('hex').slice(0, 20);
    cacheFile = path.join(dir.dir, `${name}-${key}.v8cache`);
    cachedData = readOwnFile(cacheFile);
    report.cache = cachedData ? 'hit' : 'miss';
    if (cachedData) keepFresh(cacheFile);
  }
  let script: vm.Script;
  try {
    // Dynamic import() inside the bundle (pdf.js's optional wasm decoders) resolves as it would in the module.
    script = new vm.Script(wrapped, { filename: pathToFileURL(file).href, cachedData, importModuleDynamically: loader as never });
  } catch {
    return null; // not valid as a script after all: import it as a module
  }
  if (cachedData && script.cachedDataRejected) {
    report.cache = 'rejected';
    report.problem = `the code cache ${cacheFile} was rejected by V8 (damaged or from another build); compiled without it, a new one is written`;
  }
  loaded.push({ script, file: report.cache === 'hit' ? undefined : cacheFile, report });
  return (script.runInThisContext() as (url: string) => Record<string, unknown>)(pathToFileURL(file).href);
}

/**
 * Write the code caches still missing, now that a document has run (the cache then holds every
 * function it compiled, not only the top level). Called once per process; never throws.
 */
export function saveScriptCaches(): void {
  for (const l of loaded) {
    if (!l.file) continue;
    const file = l.file;
    l.file = undefined;
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      fs.writeFileSync(tmp, l.script.createCachedData(), { mode: 0o600, flag: 'wx' });
      fs.renameSync(tmp, file); // atomic: a parallel process reads the old cache or the new one, never half
      l.report.written = true;
      removeStale(path.dirname(file), l.report.name, file);
    } catch (e) {
      try { fs.unlinkSync(tmp); } catch { /* never created */ }
      l.report.problem = `the code cache ${file} could not be written (${(e as Error).message}); the next start compiles again`;
    }
  }
}
