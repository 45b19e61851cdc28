/**
 * The PP-OCR sessions run in a worker thread (models.ts): the readings must be the ones the same
 * sessions give on the main thread, and a process that used OCR must still end on its own.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import sharp from 'sharp';
import { ocrStatus } from '../../src/ocr/document';
import type { Gray } from '../../src/ocr/raster';

const withOcr = ocrStatus().ok ? describe : describe.skip;
const shot = path.resolve(__dirname, '../fixtures/ocr/table3-screenshot.png');

/** Horizontal bands of the table screenshot: a few lines of header words and numbers. */
async function bands(): Promise<Gray[]> {
  const { data, info } = await sharp(shot).greyscale().raw().toBuffer({ resolveWithObject: true });
  const out: Gray[] = [];
  for (const [top, h] of [[0, 40], [120, 36], [300, 36], [500, 36]]) {
    if (top + h > info.height) continue;
    const w = info.width;
    out.push({ width: w, height: h, data: new Uint8Array(data.subarray(top * w * info.channels, (top + h) * w * info.channels).filter((_, i) => i % info.channels === 0)) });
  }
  return out;
}

async function readWith(inprocess: boolean, lines: Gray[]) {
  const before = process.env.XXGK_OCR_INPROCESS;
  if (inprocess) process.env.XXGK_OCR_INPROCESS = '1'; else delete process.env.XXGK_OCR_INPROCESS;
  try {
    let mod!: typeof import('../../src/ocr/ppocr/recognize');
    let models!: typeof import('../../src/ocr/ppocr/models');
    jest.isolateModules(() => { mod = require('../../src/ocr/ppocr/recognize'); models = require('../../src/ocr/ppocr/models'); });
    const thread = (await models.loadEngine()).thread;
    return { thread, readings: await mod.recognizeLines(lines, lines.map(() => true)) };
  } finally {
    if (before === undefined) delete process.env.XXGK_OCR_INPROCESS; else process.env.XXGK_OCR_INPROCESS = before;
  }
}

withOcr('the OCR engine in its worker thread', () => {
  it('reads exactly what the sessions read on the main thread', async () => {
    const lines = await bands();
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const threaded = await readWith(false, lines);
    const inline = await readWith(true, lines);
    expect([threaded.thread, inline.thread]).toEqual(['worker', 'main']);
    expect(threaded.readings.some((r) => r.general.text.length > 0)).toBe(true);
    expect(threaded.readings).toEqual(inline.readings);
  }, 120_000);

  it('does not keep a process alive once its OCR is done', async () => {
    const dist = path.resolve(__dirname, '../../dist/ocr/ppocr/recognize.js');
    const script = `require(${JSON.stringify(dist)}).recognizeLines([{ width: 64, height: 32, data: new Uint8Array(64 * 32).fill(255) }]).then((r) => console.log('read', r.length));`;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', script], { timeout: 60_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    });
    expect(out.trim()).toBe('read 1');
  }, 90_000);
});
