/** Builds the batch test folder: corpus files under many names plus every kind of bad input, and
 * the status each file must end up with. */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ReportRecord } from '../../src/model';
import { extract } from '../../src/pipeline/extract';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

export interface Expect { why: string; ok: (r: ReportRecord) => boolean }

const status = (s: string, reason?: RegExp): Expect['ok'] => (r) => r.status === s && (!reason || reason.test(r.statusReason ?? ''));
/** Readers for pdf/doc/docx land on other branches: today a clear "not supported yet", later a record. */
const readableLater: Expect['ok'] = (r) => ['ok', 'partial'].includes(r.status) || (r.status === 'failed' && /not supported yet/.test(r.statusReason ?? ''));

/** Deterministic junk (the same folder on every run). */
function junk(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; b[i] = x & 0xff; }
  return b;
}

/** A zip with the given entries, `data` already deflated (method 8). */
function zip(entries: { name: string; packed: Buffer; size: number; crc: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.crc, 14); lh.writeUInt32LE(e.packed.length, 18); lh.writeUInt32LE(e.size, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.crc, 16); ch.writeUInt32LE(e.packed.length, 20); ch.writeUInt32LE(e.size, 24); ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.packed);
    centrals.push(ch, name);
    offset += 30 + name.length + e.packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(entries.length, 8); eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** A real zip bomb shaped like a .docx: 10 entries of 64 MiB of zeros each, ~650 KB on disk. */
function zipBomb(): Buffer {
  const size = 64 * 1024 * 1024;
  const zeros = Buffer.alloc(size);
  const packed = zlib.deflateRawSync(zeros, { level: 9 });
  const crc = zlib.crc32(zeros);
  const small = Buffer.from('<?xml version="1.0"?><Types/>');
  return zip([
    { name: '[Content_Types].xml', packed: zlib.deflateRawSync(small), size: small.length, crc: zlib.crc32(small) },
    ...Array.from({ length: 10 }, (_, i) => ({ name: i ? `word/media/pad${i}.xml` : 'word/document.xml', packed, size, crc })),
  ]);
}

export const MAX_BYTES = 2_500_000;

export interface Folder { dir: string; expect: Map<string, Expect>; ignored: string[] }

/** ≥ 300 inputs in `dir`; with `faults`, also a file that crashes its worker (needs XXGK_FAULT_INJECTION=1). */
export async function buildFolder(dir: string): Promise<Folder> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const expect = new Map<string, Expect>();
  const put = async (rel: string, data: Buffer | string, e: Expect) => {
    const p = path.join(dir, rel);
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, data);
    expect.set(p, e);
  };
  const corpusFiles: string[] = [];
  for (const sub of ['seed', 'real']) {
    for (const f of (await fs.readdir(path.join(CORPUS, sub))).sort()) {
      // Scanned PDFs go through OCR once the PDF reader lands: minutes per file, not for CI.
      if (!f.endsWith('.truth.json') && !f.includes('scanned')) corpusFiles.push(path.join(CORPUS, sub, f));
    }
  }
  const textLike = corpusFiles.filter((f) => /\.(txt|html)$/.test(f));
  const binary = corpusFiles.filter((f) => !textLike.includes(f));
  for (const [k, f] of textLike.entries()) {
    const data = await fs.readFile(f);
    const base = path.basename(f);
    // The right status for a copy is what the file gives on its own (today ok for the seeds, partial for some real ones).
    const ref = (await extract(f)).status;
    const isHtml = base.endsWith('.html');
    // Distinct contents: the same report with a harmless trailing marker (a comment, or blank lines + ASCII).
    for (let i = 0; i < 45; i++) {
      const marker = isHtml ? `\n<!-- download ${k}-${i} -->\n` : `\n\n\n${' '.repeat(i + 1)}\n`;
      await put(`reports/${k}/${i}-${base}`, Buffer.concat([data, Buffer.from(marker)]), { why: `corpus variant (${ref})`, ok: status(ref) });
    }
    // Exact copies under other names and folders: extracted once, listed as aliases.
    for (let i = 0; i < 25; i++) await put(`mirror/${i % 5}/${k}-copy${i}-${base}`, data, { why: `corpus copy (${ref})`, ok: status(ref) });
  }
  for (const [k, f] of binary.entries()) {
    const data = await fs.readFile(f);
    await put(`binary/${path.basename(f)}`, data, { why: 'corpus document', ok: readableLater });
    // The type comes from the bytes, not the name.
    await put(`binary/zz-misnamed-${k}.html`, data, { why: 'corpus document, wrong extension', ok: readableLater });
  }

  const pdf = binary.find((f) => f.endsWith('libreoffice.pdf'));
  for (const i of [1, 2, 3]) await put(`bad/empty-${i}.pdf`, '', { why: 'zero bytes', ok: status('failed', /empty file/) });
  if (pdf) await put('bad/truncated.pdf', (await fs.readFile(pdf)).subarray(0, 600), { why: 'truncated pdf', ok: status('failed') });
  await put('bad/corrupt.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), junk(20000, 7)]), { why: 'corrupt pdf', ok: status('failed') });
  await put('bad/encrypted.pdf', await fs.readFile(path.join(ROOT, 'tests/fixtures/batch/encrypted.pdf')), { why: 'encrypted pdf', ok: status('failed') });
  await put('bad/bomb.docx', zipBomb(), { why: 'zip bomb', ok: status('failed', /zip bomb/) });
  await put('bad/corrupt.docx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('word/document.xml'), junk(5000, 3)]),
    { why: 'corrupt docx', ok: status('failed', /corrupt or truncated zip/) });
  await put('bad/junk.html', junk(4000, 11), { why: 'binary junk named .html', ok: status('unsupported', /binary data/) });
  await put('bad/login.html', '<!DOCTYPE html><html><head><title>用户登录</title></head><body><form action="/login" method="post"><div>用户名：<input name="u"></div><div>密码：<input type="password" name="p"></div><button>登录</button></form></body></html>',
    { why: 'login page', ok: status('unsupported', /not a government information-disclosure annual report/) });
  await put('bad/404.html', '<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr><center>nginx</center></body></html>',
    { why: 'error page', ok: status('unsupported', /not a government information-disclosure annual report/) });
  await put('bad/notice.txt', '关于做好春季农业生产工作的通知\n\n各乡镇人民政府：\n当前正值春耕备耕关键时期，现就有关事项通知如下。\n一、抓好种子化肥供应。\n二、加强技术指导。\n某某县农业农村局\n2023年3月1日\n',
    { why: 'not a report', ok: status('unsupported', /not a government information-disclosure annual report/) });
  await put('bad/report-2017.txt', '某某市人民政府2017年政府信息公开工作年度报告\n\n本报告根据《中华人民共和国政府信息公开条例》要求编制。\n\n一、概述\n2017年，我市认真贯彻落实政府信息公开工作要求。\n\n二、主动公开政府信息情况\n全年主动公开政府信息1234条。\n\n三、依申请公开政府信息情况\n全年共受理政府信息公开申请56件。\n',
    { why: 'pre-2019 report', ok: status('unsupported', /before 2019/) });
  const big = path.join(dir, 'bad/huge.pdf');
  await fs.writeFile(big, '%PDF-1.7\n');
  await fs.truncate(big, MAX_BYTES + 1_000_000); // sparse: big on paper, nothing to read
  expect.set(big, { why: 'over --max-bytes', ok: status('failed', /over the 2500000-byte limit/) });
  await put('bad/crash.txt', 'XXGK-FAULT:crash', { why: 'crashes its worker', ok: status('failed', /worker process crashed/) });

  // Links and special files.
  await fs.symlink('loop-b.pdf', path.join(dir, 'bad/loop-a.pdf'));
  await fs.symlink('loop-a.pdf', path.join(dir, 'bad/loop-b.pdf'));
  for (const l of ['loop-a.pdf', 'loop-b.pdf']) expect.set(path.join(dir, 'bad', l), { why: 'symlink loop', ok: status('failed', /symbolic link loop/) });
  await fs.symlink('..', path.join(dir, 'bad/up')); // folder loop: walked once, the link is ignored
  await fs.symlink('gone.pdf', path.join(dir, 'bad/dangling.pdf'));
  expect.set(path.join(dir, 'bad/dangling.pdf'), { why: 'broken symlink', ok: status('failed', /broken symbolic link/) });
  execFileSync('mkfifo', [path.join(dir, 'bad/pipe.html')]);
  expect.set(path.join(dir, 'bad/pipe.html'), { why: 'named pipe', ok: status('failed', /not a regular file/) });
  // Unreadable: root reads anything (CI runs as root), so there the file is simply extracted.
  const locked = path.join(dir, 'bad/locked.html');
  const lockedSource = textLike.find((f) => f.endsWith('.html'))!;
  await fs.writeFile(locked, Buffer.concat([await fs.readFile(lockedSource), Buffer.from('\n<!-- locked -->\n')]));
  await fs.chmod(locked, 0);
  const root = process.getuid?.() === 0;
  expect.set(locked, root ? { why: 'chmod 000 (root can read it)', ok: status((await extract(lockedSource)).status) } : { why: 'chmod 000', ok: status('failed', /cannot read file.*(EACCES|permission)/i) });

  // Not inputs at all: listed as ignored, no record.
  await fs.writeFile(path.join(dir, '.DS_Store'), junk(100, 5));
  await fs.writeFile(path.join(dir, 'bad/index.json'), '{}');
  return { dir, expect, ignored: [path.join(dir, '.DS_Store'), path.join(dir, 'bad/index.json'), path.join(dir, 'bad/up')] };
}

/** Every output file of a run, records with their timing removed (the only thing that differs between runs). */
export async function outputs(out: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const f of (await fs.readdir(out)).sort()) {
    if (f.startsWith('xxgk.sqlite') || f === 'records' || f === 'review') continue;
    const text = await fs.readFile(path.join(out, f), 'utf8');
    // review.html is stamped with its folder; what must match between runs is which reports it shows.
    m.set(f, f === 'review.html' ? (/— (\d+ reports?)<\/title>/.exec(text)?.[1] ?? 'no report count') : text);
  }
  // The page's chunks, seconds taken removed from the list lines (like timing from the records).
  for (const f of (await fs.readdir(path.join(out, 'review')).catch(() => [] as string[])).sort()) {
    if (f === 'img') {
      for (const i of (await fs.readdir(path.join(out, 'review', 'img'))).sort()) m.set(`review/img/${i}`, String((await fs.stat(path.join(out, 'review', 'img', i))).size));
      continue;
    }
    m.set(`review/${f}`, (await fs.readFile(path.join(out, 'review', f), 'utf8')).replace(/,"sec":[\d.e-]+/g, ''));
  }
  for (const f of (await fs.readdir(path.join(out, 'records'))).sort()) {
    const r = JSON.parse(await fs.readFile(path.join(out, 'records', f), 'utf8'));
    delete r.timing;
    m.set(`records/${f}`, JSON.stringify(r));
  }
  return m;
}

export async function readRecords(out: string): Promise<ReportRecord[]> {
  const dir = path.join(out, 'records');
  return Promise.all((await fs.readdir(dir)).map(async (f) => JSON.parse(await fs.readFile(path.join(dir, f), 'utf8')) as ReportRecord));
}

/** The CLI runs from dist/: build it when any source is newer (npm test builds first anyway). */
export function ensureBuilt(): void {
  const main = path.join(ROOT, 'dist', 'cli', 'main.js');
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true })
    .map((d) => (d.isDirectory() ? newest(path.join(dir, d.name)) : statSync(path.join(dir, d.name)).mtimeMs)));
  if (!existsSync(main) || statSync(main).mtimeMs < newest(path.join(ROOT, 'src'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  }
}

