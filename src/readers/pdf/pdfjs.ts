import path from 'node:path';

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
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
  version: string;
}

const dynamicImport = new Function('s', 'return import(s)') as (s: string) => Promise<unknown>;
let loading: Promise<PdfjsModule> | null = null;

/** Folder of the installed pdfjs-dist package (for cmaps/ and standard_fonts/). */
export function pdfjsRoot(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= dynamicImport(path.join(pdfjsRoot(), 'legacy', 'build', 'pdf.mjs')).then((m) => m as PdfjsModule)
    .catch((e) => { loading = null; throw e; });
  return loading;
}

/**
 * Options for getDocument. CJK text needs the packed cMaps (non-embedded CID fonts decode to
 * nothing without them); we never render, so font faces, eval'd glyph programs and system fonts
 * are off: less work and no code generation from file contents.
 */
export function documentOptions(data: Uint8Array, password?: string): Record<string, unknown> {
  const root = pdfjsRoot();
  return {
    data,
    password,
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    verbosity: 0,
    stopAtErrors: false,
  };
}
