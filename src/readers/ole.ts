/**
 * Just enough of the OLE compound file format (MS-CFB) to tell what an OLE file holds: the
 * names of its streams, and the first bytes of a stream. Synchronous and bounds-checked so the
 * sniffer can use it on any bytes; a damaged file gives `null`, never a throw.
 */

const ENDOFCHAIN = 0xfffffffe;
/** Stop following a sector chain after this many links: a loop in a damaged FAT. */
const MAX_CHAIN = 1 << 20;

export interface OleEntry { name: string; type: number; start: number; size: number }

export interface OleFile {
  entries: OleEntry[];
  /** Bytes of a stream stored in regular sectors (size >= the mini-stream cutoff); null otherwise. */
  stream(name: string, maxBytes?: number): Buffer | null;
}

export function readOle(buf: Buffer): OleFile | null {
  try {
    if (buf.length < 512 || buf.readUInt32LE(0) !== 0xe011cfd0) return null;
    const sectorSize = 1 << buf.readUInt16LE(0x1e);
    if (sectorSize !== 512 && sectorSize !== 4096) return null;
    const sectorAt = (n: number) => (n + 1) * sectorSize;
    const numFat = buf.readUInt32LE(0x2c);
    const firstDir = buf.readUInt32LE(0x30);
    const cutoff = buf.readUInt32LE(0x38);
    // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
    const fatSectors: number[] = [];
    for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(buf.readUInt32LE(0x4c + i * 4));
    let difat = buf.readUInt32LE(0x44);
    for (let guard = 0; difat !== ENDOFCHAIN && difat < 0xfffffffa && fatSectors.length < numFat && guard < MAX_CHAIN; guard++) {
      const off = sectorAt(difat);
      if (off + sectorSize > buf.length) break;
      for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < numFat; i++) fatSectors.push(buf.readUInt32LE(off + i * 4));
      difat = buf.readUInt32LE(off + sectorSize - 4);
    }
    const perSector = sectorSize / 4;
    const next = (s: number): number => {
      const fs = fatSectors[Math.floor(s / perSector)];
      if (fs === undefined) return ENDOFCHAIN;
      const off = sectorAt(fs) + (s % perSector) * 4;
      return off + 4 <= buf.length ? buf.readUInt32LE(off) : ENDOFCHAIN;
    };
    const chain = (start: number, maxBytes = Infinity): Buffer => {
      const parts: Buffer[] = [];
      let total = 0;
      for (let s = start, n = 0; s < 0xfffffffa && n < MAX_CHAIN && total < maxBytes; s = next(s), n++) {
        const off = sectorAt(s);
        if (off >= buf.length) break;
        const part = buf.subarray(off, Math.min(buf.length, off + sectorSize));
        parts.push(part);
        total += part.length;
      }
      return Buffer.concat(parts);
    };
    const dir = chain(firstDir, 4 << 20);
    const entries: OleEntry[] = [];
    for (let off = 0; off + 128 <= dir.length; off += 128) {
      const type = dir[off + 0x42];
      if (type === 0) continue;
      const nameLen = Math.min(64, dir.readUInt16LE(off + 0x40));
      const name = dir.subarray(off, off + Math.max(0, nameLen - 2)).toString('utf16le');
      entries.push({ name, type, start: dir.readUInt32LE(off + 0x74), size: dir.readUInt32LE(off + 0x78) });
    }
    return {
      entries,
      stream(name, maxBytes = Infinity) {
        const e = entries.find((x) => x.type === 2 && x.name === name);
        if (!e || e.size < cutoff) return null;
        return chain(e.start, Math.min(e.size, maxBytes)).subarray(0, Math.min(e.size, maxBytes));
      },
    };
  } catch {
    return null;
  }
}

/** What an OLE file is, from its stream names (and, for Word, the FIB's encryption flag). */
export function oleKind(buf: Buffer): { kind: string; encrypted?: boolean } {
  const ole = readOle(buf);
  if (!ole) return { kind: 'damaged' };
  const names = new Set(ole.entries.map((e) => e.name));
  // Office 2007+ files saved with a password are OLE containers around the encrypted ZIP.
  if (names.has('EncryptionInfo') && names.has('EncryptedPackage')) return { kind: 'encrypted-ooxml', encrypted: true };
  if (names.has('WordDocument')) {
    // FIB base: wIdent 0xA5EC, flags at 0x0A with fEncrypted = 0x0100 (Word 97 password to open).
    const fib = ole.stream('WordDocument', 64);
    const encrypted = !!fib && fib.length >= 12 && (fib.readUInt16LE(0x0a) & 0x0100) !== 0;
    // wIdent 0xA5DC: Word 6/95, whose text word-extractor cannot read (LibreOffice can).
    if (fib && fib.length >= 2 && fib.readUInt16LE(0) === 0xa5dc) return { kind: 'word95', encrypted };
    return { kind: 'word', encrypted };
  }
  if (names.has('Workbook') || names.has('Book')) return { kind: 'excel' };
  if (names.has('PowerPoint Document')) return { kind: 'powerpoint' };
  return { kind: 'other' };
}
