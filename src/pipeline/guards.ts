/**
 * Cheap checks on container formats before a reader inflates them: a corrupt or truncated zip
 * (.docx/.xlsx/.ofd) and a zip bomb are refused with a clear reason instead of reaching a reader
 * that might throw an obscure error or exhaust the worker's memory.
 */

/** A single entry expanding more than this many times, to more than ZIP_RATIO_MIN_BYTES, is a bomb:
 * XML compresses ~10-30x, images not at all. */
const MAX_ENTRY_RATIO = 1000;
const ZIP_RATIO_MIN_BYTES = 50 * 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Why a zip container is refused: `corrupt` (damaged or truncated) or `bomb` (expands too far). */
export interface ZipProblem { kind: 'corrupt' | 'bomb'; reason: string }

/** Undefined when the zip looks sound (`maxUnzipped`: see Policy.maxUnzippedBytes). */
export function zipProblem(buf: Buffer, maxUnzipped: number): ZipProblem | undefined {
  const corrupt = (reason: string): ZipProblem => ({ kind: 'corrupt', reason });
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) return corrupt('corrupt or truncated zip container (no end-of-central-directory record)');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return undefined; // zip64: sizes live elsewhere; the memory ceiling still applies
  if (cdOffset + cdSize > eocd) return corrupt('corrupt zip container (central directory outside the file)');
  let total = 0;
  let at = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return corrupt('corrupt zip container (damaged central directory)');
    const packed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (size > ZIP_RATIO_MIN_BYTES && size > packed * MAX_ENTRY_RATIO) {
      return { kind: 'bomb', reason: `zip bomb: ${name} expands ${Math.round(size / Math.max(1, packed))}x to ${size} bytes` };
    }
    total += size;
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  if (total > maxUnzipped) return { kind: 'bomb', reason: `zip container expands to ${total} bytes, over the ${maxUnzipped}-byte limit (zip bomb?)` };
  return undefined;
}
