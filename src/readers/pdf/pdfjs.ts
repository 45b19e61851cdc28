import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runModuleAsScript, saveScriptCaches } from './script-cache';

/**
 * The one place that loads pdfjs-dist. pdfjs ships as ESM only; TypeScript compiles this project to
 * CommonJS and would turn `import()` into `require()`, so the import is hidden in a Function.
 * The module is loaded once per process and shared by every document.
 */

/* Minimal shapes of the pdfjs API we use (its own typings are ESM-only). */
export interface PdfjsGlyph { unicode?: string; width: number; isSpace?: boolean; vmetric?: number[] }
export interface PdfjsFont { fontMatrix?: number[]; vertical?: boolean; defaultVMetrics?: number[]; name?: string }
export interface PdfjsOperatorList { fnArray: number[]; argsArray: unknown[][] }
export interface PdfjsViewport { width: number; height: number; rotation: number; transform: number[] }
export interface PdfjsPage {
  rotate: number;
  view: number[];
  getViewport(o: { scale: number }): PdfjsViewport;
  getOperatorList(o?: Record<string, unknown>): Promise<PdfjsOperatorList>;
  commonObjs: { get(id: string): unknown; has(id: string): boolean };
  objs: { get(id: string): unknown; has(id: string): boolean };
  cleanup(): boolean;
}
export interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfjsPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown> }>;
  destroy(): Promise<void>;
}
export interface PdfjsModule {
  OPS: Record<string, number>;
  PDFWorker: new (o: { port: unknown; verbosity?: number }) => { promise: Promise<void>; destroyed: boolean };
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
  version: string;
}

// The unique comment keeps V8 from reusing a cached compilation of the same source made in
// another vm context (jest runs each test file in its own context; a shared cache entry would
// route the import to an already torn-down test environment).
export const dynamicImport = new Function('s', `return import(s); // ${process.pid}-${Date.now()}-${Math.random()}`) as (s: string) => Promise<unknown>;
let loading: Promise<PdfjsModule> | null = null;

/** Folder of the installed pdfjs-dist package (for cmaps/ and standard_fonts/). */
export function pdfjsRoot(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    // The legacy build bundles core-js, which on Node 20 swaps some native built-ins for
    // spec-pedantic JS versions for the whole process (Array.prototype.push for lengths past 2^53,
    // JSON.parse/stringify for source-text access): slower for pdf.js, for us and for everyone
    // else in the process. Polyfills that add missing functions stay; replaced natives go back.
    const owners: [Record<string, unknown>, string][] = [[Array.prototype as unknown as Record<string, unknown>, 'push'],
      [JSON as unknown as Record<string, unknown>, 'parse'], [JSON as unknown as Record<string, unknown>, 'stringify']];
    const natives = owners.map(([o, k]) => [o, k, o[k]] as const);
    try {
      await installTextOnlyWorker();
      // The reading copy, when the worker is ours too (pdf.js then never looks for its worker file
      // beside the module).
      const reading = workerKind === 'text-only' ? await patchedModule('pdf.mjs', 'pdf', READ_PATCHES) : null;
      if (reading) libraryKind = 'no-canvas';
      return (reading ?? await dynamicImport(path.join(pdfjsRoot(), 'legacy', 'build', 'pdf.mjs'))) as PdfjsModule;
    } finally {
      for (const [o, k, v] of natives) {
        if (o[k] !== v) Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
      }
    }
  })().catch((e) => { loading = null; throw e; });
  return loading;
}

/**
 * We never render, yet pdf.js's worker does two rendering-only jobs while building operator
 * lists: it compiles an outline path for every glyph shown (because font faces are disabled) and
 * runs every Type 3 glyph program. Together they are a third to half of the time on CJK reports.
 * In Node the worker runs in-process ("fake worker", taken from `globalThis.pdfjsWorker`), so we
 * load a copy of the pinned worker with those two jobs switched off. Text positions need neither:
 * widths come from the font dictionaries. If the source does not match (another pdf.js version),
 * the stock worker is used unchanged.
 */
const WORKER_PATCHES: [string, string][] = [
  ['|| font.disableFontFace) {\n        PartialEvaluator.buildFontPaths(', ') {\n        PartialEvaluator.buildFontPaths('],
  ['if (translatedFont.isType3Font) {\n        try {\n          await translated.loadType3Data(', 'if (false) {\n        try {\n          await translated.loadType3Data('],
  // Flate streams through web DecompressionStream cost more in stream plumbing and thread-pool
  // round trips than the inflating itself; Node's synchronous zlib is several times faster. Any
  // error (truncated or damaged stream) falls through to pdf.js's own tolerant decoder.
  ['    try {\n      const {\n        readable,\n        writable\n      } = new DecompressionStream(name);',
    '    if (name === "deflate" && globalThis.process?.getBuiltinModule) {\n      try {\n        const zlib = globalThis.process.getBuiltinModule("zlib");\n        const out = zlib.inflateSync(bytes);\n        return {\n          decompressed: new Uint8Array(out.buffer, out.byteOffset, out.byteLength),\n          compressed: bytes\n        };\n      } catch {}\n    }\n    try {\n      const {\n        readable,\n        writable\n      } = new DecompressionStream(name);'],
  // A font that brings its own ToUnicode map needs no font program for text: skip parsing and
  // repairing it (the largest remaining cost on CJK subsets) and read widths from /W and /Widths.
  ['    if (!file || file.isEmpty) {\n      if (file) {\n        warn(\'Font file is empty', '    if (!file || file.isEmpty || properties.composite && properties.hasIncludedToUnicodeMap) {\n      if (file && file.isEmpty) {\n        warn(\'Font file is empty'],
  // Names (/F1, /Widths, every dictionary key) are read one character at a time into an array
  // and joined; most contain no #-escape, so read those straight into a string. A name with an
  // escape continues in the original loop from the '#'.
  ['  getName() {\n    let ch, previousCh;\n    const strBuf = this.strBuf;\n    strBuf.length = 0;\n    while ((ch = this.nextChar()) >= 0 && !specialChars[ch]) {\n      if (ch === 0x23) {',
    '  getName() {\n    let ch, previousCh;\n    const strBuf = this.strBuf;\n    strBuf.length = 0;\n    let plain = "";\n    while ((ch = this.nextChar()) >= 0 && !specialChars[ch] && ch !== 0x23) {\n      plain += String.fromCharCode(ch);\n    }\n    if (ch !== 0x23) {\n      return Name.get(plain);\n    }\n    strBuf.push(plain);\n    let pending = true;\n    while (pending || (ch = this.nextChar()) >= 0 && !specialChars[ch]) {\n      pending = false;\n      if (ch === 0x23) {'],
  // An embedded Type 1 font (LibreOffice writes these) is parsed for its encoding, glyph names and
  // metrics, then recompiled into a CFF program for drawing: byte-array building that was the
  // largest single cost on such files. Text needs only the parse; the program stays a bare header.
  ['    const type2Charstrings = this.getType2Charstrings(charstrings);\n    const subrs = this.getType2Subrs(data.subrs);\n    this.charstrings = charstrings;\n    this.data = this.wrap(name, type2Charstrings, this.charstrings, subrs, properties);',
    '    this.charstrings = charstrings;\n    this.data = [1, 0, 4, 4];'],
  // A CMap read from a font (ToUnicode) is a sparse array up to 64K long: visiting every index
  // of it was a few percent of all our time. Visit the entries it has instead, in the same
  // ascending order, when they are few (Object.keys lists array indices in ascending order).
  ['  forEach(callback) {\n    const map = this._map;\n    const length = map.length;\n    if (length <= 0x10000) {\n      for (let i = 0; i < length; i++) {\n        if (map[i] !== undefined) {\n          callback(i, map[i]);\n        }\n      }\n    } else {',
    '  forEach(callback) {\n    const map = this._map;\n    const length = map.length;\n    if (length > 1024 && length <= 0x10000) {\n      const keys = Object.keys(map);\n      if (keys.length * 8 < length) {\n        for (const k of keys) {\n          const i = +k;\n          if (String(i) === k && map[i] !== undefined) {\n            callback(i, map[i]);\n          }\n        }\n        return;\n      }\n    }\n    if (length <= 0x10000) {\n      for (let i = 0; i < length; i++) {\n        if (map[i] !== undefined) {\n          callback(i, map[i]);\n        }\n      }\n    } else {'],
  // Which buffers of an operator-list chunk could be transferred: a scan of every op per chunk.
  // In-process nothing is transferred (see ChunkSharingPort), and a copy is equivalent anyway.
  ['      length\n    }, 1, this._transfers);', '      length\n    }, 1, null);'],
  // A scan's page is one JPEG, and pdf.js decodes it in JavaScript (~0.35 s for a 200-dpi A4 page,
  // grey pages expanded to RGB) every time the page's operator list is built, text pass included.
  // A plain grey or RGB JPEG (no mask, no /Decode, no /ColorTransform, drawn at its own size) comes
  // over as its encoded bytes instead, marked `encoded: "jpeg"`; the OCR stage decodes it natively
  // (page-images.ts) and nothing else reads image pixels. Copied: the bytes may be a view of the PDF.
  ['    if (!forceRGBA) {\n      let kind;\n',
    '    if (!forceRGBA && this.image instanceof JpegStream && !this.smask && !this.mask && !this.needsDecode && !isOffscreenCanvasSupported && bpc === 8 && drawWidth === originalWidth && drawHeight === originalHeight && (this.colorSpace.name === "DeviceGray" && numComps === 1 || this.colorSpace.name === "DeviceRGB" && numComps === 3) && !(this.image.params instanceof Dict && this.image.params.has("ColorTransform"))) {\n      const encoded = this.image.bytes;\n      if (encoded?.length) {\n        imgData.data = encoded.slice();\n        imgData.encoded = "jpeg";\n        imgData.components = numComps;\n        return imgData;\n      }\n    }\n    if (!forceRGBA) {\n      let kind;\n'],
];

let workerKind: 'text-only' | 'stock' | 'pdfjs' = 'pdfjs';
/** Which worker this process reads PDFs with: our text-only copy, the stock worker module we
 * loaded (XXGK_PDFJS_STOCK_WORKER, or patches did not match), or whatever pdf.js sets up itself. */
export function pdfjsWorkerKind(): 'text-only' | 'stock' | 'pdfjs' {
  return workerKind;
}

async function installTextOnlyWorker(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  if (g.pdfjsWorker) return;
  await installPatchedWorker();
  if (g.pdfjsWorker) { workerKind = 'text-only'; return; }
  // The shared worker (below) needs the worker module in hand: the stock one, unchanged.
  try {
    g.pdfjsWorker = await dynamicImport(path.join(pdfjsRoot(), 'legacy', 'build', 'pdf.worker.mjs'));
    workerKind = 'stock';
  } catch { /* pdf.js will find its worker itself */ }
}

async function installPatchedWorker(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  if (process.env.XXGK_PDFJS_STOCK_WORKER) return;
  try {
    const worker = await patchedModule('pdf.worker.mjs', 'worker', WORKER_PATCHES);
    if (worker) g.pdfjsWorker = worker;
  } catch { /* the stock worker works, only slower */ }
}

/**
 * The library module pdf.js reads with needs no canvas: in Node it loads @napi-rs/canvas as it is
 * imported (to polyfill DOMMatrix, ImageData and Path2D for drawing), a native library of ~0.2 s
 * to load, the largest cost of a one-PDF cold start. Reading never draws, so the reading copy
 * skips it; drawing (thumbnails) imports the stock module, canvas and all. The one module-level
 * DOMMatrix (a drawing constant) is left unset without one.
 */
const READ_PATCHES: [string, string][] = [
  ['    try {\n      canvas = require("@napi-rs/canvas");\n    } catch (ex) {\n      warn(`Cannot load "@napi-rs/canvas" package: "${ex}".`);\n    }\n', ''],
  ['  if (!globalThis.DOMMatrix) {\n    if (canvas?.DOMMatrix) {', '  if (!globalThis.DOMMatrix && canvas) {\n    if (canvas?.DOMMatrix) {'],
  ['  if (!globalThis.ImageData) {\n    if (canvas?.ImageData) {', '  if (!globalThis.ImageData && canvas) {\n    if (canvas?.ImageData) {'],
  ['  if (!globalThis.Path2D) {\n    if (canvas?.Path2D) {', '  if (!globalThis.Path2D && canvas) {\n    if (canvas?.Path2D) {'],
  ['const SCALE_MATRIX = new DOMMatrix();', 'const SCALE_MATRIX = globalThis.DOMMatrix ? new DOMMatrix() : null;'],
];

let libraryKind: 'no-canvas' | 'stock' = 'stock';
/** Which pdf.js library module this process reads with: the copy without canvas, or the stock one. */
export function pdfjsLibraryKind(): 'no-canvas' | 'stock' {
  return libraryKind;
}

/**
 * A pdf.js bundle of the legacy build with exact-string patches, run as a script with a code cache
 * (script-cache.ts); null when a patch does not match (another pdf.js version: the stock module is
 * used) or the bundle cannot run as a script. The patched source exists only in memory: nothing
 * but V8's own cache is read back from disk.
 */
async function patchedModule(file: string, name: string, patches: [string, string][]): Promise<Record<string, unknown> | null> {
  const stock = path.join(pdfjsRoot(), 'legacy', 'build', file);
  // Bytes, not strings: patch the megabytes of source in one copy before decoding them once.
  const src = await fs.readFile(stock);
  const at: [number, string, string][] = [];
  for (const [from, to] of patches) {
    const i = src.indexOf(from);
    if (i < 0 || src.indexOf(from, i + 1) >= 0) return null; // not the version we know
    at.push([i, from, to]);
  }
  at.sort((a, b) => a[0] - b[0]);
  const parts: Buffer[] = [];
  let pos = 0;
  for (const [i, from, to] of at) {
    if (i < pos) return null; // overlapping patches: not the source we know
    parts.push(src.subarray(pos, i), Buffer.from(to));
    pos = i + Buffer.byteLength(from);
  }
  parts.push(src.subarray(pos));
  return runModuleAsScript(stock, Buffer.concat(parts), name);
}

interface WorkerGlobal { WorkerMessageHandler: { initializeFromPort(port: unknown): void } }
type Listener = (this: unknown, e: { data: unknown }) => void;

/**
 * The in-process "worker" pdf.js uses in Node talks to the main thread through a LoopbackPort
 * that structured-clones every message. Operator-list chunks are by far the largest messages
 * (every glyph of every page), and cloning them was a tenth of our extraction time plus the
 * garbage it leaves. The worker empties its fnArray/argsArray right after sending a chunk and
 * never touches the sent ops again, so copying those two outer arrays gives the main thread the
 * same values without the deep copy. Every other message is cloned exactly as pdf.js does.
 */
export class ChunkSharingPort {
  #listeners = new Map<Listener, (() => void) | null>();
  #deferred = Promise.resolve();
  postMessage(obj: unknown, transfer?: Transferable[]): void {
    const event = { data: shareOrClone(obj, transfer) };
    void this.#deferred.then(() => {
      for (const [listener] of this.#listeners) listener.call(this, event);
    });
  }
  addEventListener(_name: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    let rmAbort: (() => void) | null = null;
    const signal = options?.signal;
    if (signal instanceof AbortSignal) {
      if (signal.aborted) return;
      const onAbort = () => this.removeEventListener(_name, listener);
      rmAbort = () => signal.removeEventListener('abort', onAbort);
      signal.addEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, rmAbort);
  }
  removeEventListener(_name: string, listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }
  terminate(): void {
    for (const [, rmAbort] of this.#listeners) rmAbort?.();
    this.#listeners.clear();
  }
}

function shareOrClone(obj: unknown, transfer?: Transferable[]): unknown {
  const chunk = (obj as { chunk?: { fnArray?: unknown; argsArray?: unknown } } | null)?.chunk;
  if (chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray)) {
    return { ...(obj as object), chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() } };
  }
  return structuredClone(obj, transfer ? { transfer } : undefined);
}

let sharedWorker: Promise<unknown> | null = null;

/**
 * One in-process worker for every document of the process, on the chunk-sharing port. Null when
 * the worker module is not available or the worker does not start: then pdf.js sets up its own
 * per document, as stock.
 */
function worker(pdfjs: PdfjsModule): Promise<unknown> {
  sharedWorker ??= (async () => {
    const handler = (globalThis as { pdfjsWorker?: WorkerGlobal }).pdfjsWorker?.WorkerMessageHandler;
    if (!handler || typeof pdfjs.PDFWorker !== 'function') return null;
    try {
      const port = new ChunkSharingPort();
      handler.initializeFromPort(port);
      const w = new pdfjs.PDFWorker({ port, verbosity: 0 });
      await w.promise;
      return w;
    } catch {
      return null;
    }
  })();
  return sharedWorker.then((w) => {
    if (w && (w as { destroyed: boolean }).destroyed) { sharedWorker = null; return worker(pdfjs); }
    return w;
  });
}

/**
 * The one place a PDF is opened. `read`: text, rulings and images, on the shared text-only worker
 * (see above). `render`: drawing pages (thumbnails), which needs glyph outlines, so no text-only
 * worker and font faces on. The array handed in is copied: pdf.js takes ownership of (detaches) it.
 */
export async function openDocument(data: Uint8Array, purpose: 'read' | 'render' = 'read', password?: string): Promise<{ doc: PdfjsDocument; pdfjs: PdfjsModule }> {
  const pdfjs = purpose === 'read' ? await loadPdfjs() : await loadPdfjsModule();
  const options = { ...loadOptions(new Uint8Array(data), purpose, password), ...(purpose === 'read' ? await sharedWorkerOption(pdfjs) : { worker: await drawingWorker(pdfjs) }) };
  const task = pdfjs.getDocument(options);
  try {
    const doc = await task.promise;
    if (purpose === 'read' && !cachesSaved) saveCachesAfter(doc);
    return { doc, pdfjs };
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw e;
  }
}

/* The code caches of the bundles are written once the first document read in this process is
 * done: then they hold the functions reading ran, not only the bundles' top level. */
let cachesSaved = false;
function saveCachesAfter(doc: PdfjsDocument): void {
  const destroy = doc.destroy.bind(doc);
  doc.destroy = async () => {
    try { await destroy(); } finally {
      if (!cachesSaved) { cachesSaved = true; saveScriptCaches(); }
    }
  };
}

async function sharedWorkerOption(pdfjs: PdfjsModule): Promise<Record<string, unknown>> {
  const w = await worker(pdfjs);
  return w ? { worker: w } : {};
}

/**
 * The process's worker for reading may be the text-only copy, which builds no glyph outlines (pages
 * would render blank). Drawing gets a worker of its own on the stock worker module: a second
 * in-process worker, on the same kind of port as the reading one.
 */
let drawing: Promise<unknown> | null = null;
function drawingWorker(pdfjs: PdfjsModule): Promise<unknown> {
  drawing ??= (async () => {
    const stock = await dynamicImport(path.join(pdfjsRoot(), 'legacy', 'build', 'pdf.worker.mjs')) as { WorkerMessageHandler: { initializeFromPort(port: unknown): void } };
    const port = new ChunkSharingPort();
    stock.WorkerMessageHandler.initializeFromPort(port);
    const w = new pdfjs.PDFWorker({ port, verbosity: 0 });
    await w.promise;
    return w;
  })().catch((e) => { drawing = null; throw e; });
  return drawing;
}

/** The module alone, without installing the text-only worker (for rendering). */
function loadPdfjsModule(): Promise<PdfjsModule> {
  return dynamicImport(path.join(pdfjsRoot(), 'legacy', 'build', 'pdf.mjs')) as Promise<PdfjsModule>;
}

/**
 * getDocument options. CJK text needs the packed cMaps (non-embedded CID fonts decode to nothing
 * without them) and the standard font data; no eval'd glyph programs, no system fonts, and images
 * come as plain pixel data (there is no OffscreenCanvas in Node). Reading never draws, so font
 * faces are off there.
 */
function loadOptions(data: Uint8Array, purpose: 'read' | 'render', password?: string): Record<string, unknown> {
  const root = pdfjsRoot();
  return {
    data,
    password,
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    verbosity: 0,
    // Drawing keeps pdf.js's own defaults for fonts; reading needs no font faces, no system fonts.
    ...(purpose === 'read' ? { disableFontFace: true, isOffscreenCanvasSupported: false, useSystemFonts: false, useWorkerFetch: false, stopAtErrors: false } : {}),
  };
}
