import { loadPdfjs, pdfjsWorkerKind } from '../../src/readers/pdf/pdfjs';

describe('pdf.js loading', () => {
  test('loads once, with the text-only worker, and leaves the native built-ins in place', async () => {
    const push = Array.prototype.push, parse = JSON.parse, stringify = JSON.stringify;
    const a = await loadPdfjs();
    const b = await loadPdfjs();
    expect(a).toBe(b);
    // The patched worker is installed: if a pdf.js upgrade changes the patched source, this fails
    // and the reader silently falls back to the (slower) stock worker.
    expect((globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker?.WorkerMessageHandler).toBeDefined();
    expect(pdfjsWorkerKind()).toBe('text-only');
    expect(Array.prototype.push).toBe(push);
    expect(JSON.parse).toBe(parse);
    expect(JSON.stringify).toBe(stringify);
  });
});
