import iconv from 'iconv-lite';

/** Decode text bytes: BOMs first, then strict UTF-8, else GB18030 (a superset of GBK/GB2312). */
export function decodeText(buf: Buffer, declared?: string): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const d = declared?.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (d && /^(gb2312|gbk|gb18030|xgbk|cp936|euccn|hzgb2312)$/.test(d)) return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  if (d && d !== 'utf8' && iconv.encodingExists(d)) return { text: iconv.decode(buf, d), encoding: d };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}
