/** Display width: CJK and full-width characters take two columns in a monospaced layout. */
function width(ch: string): number {
  return /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
}

export interface SpacedCell { text: string; x0: number; x1: number }

/** Split a line on runs of two or more spaces (or an ideographic space), keeping display positions. */
export function splitSpaced(line: string): SpacedCell[] {
  const cells: SpacedCell[] = [];
  let x = 0;
  let cur = '';
  let start = 0;
  let gap = 0;
  const flush = () => { if (cur.trim()) cells.push({ text: cur.trim(), x0: start, x1: x - gap }); cur = ''; };
  for (const ch of line) {
    const w = width(ch);
    const isSpace = ch === ' ' || ch === '\u3000' || ch === '\u00a0';
    if (isSpace) {
      gap += w;
      if (gap >= 2 || ch === '\u3000') { if (cur.trim()) flush(); else cur = ''; }
      else if (cur) cur += ch;
    } else {
      if (!cur) start = x;
      gap = 0;
      cur += ch;
    }
    x += w;
  }
  gap = 0;
  flush();
  return cells;
}

/** A line that looks like a table row: several short segments separated by wide gaps. */
export function isSpacedRow(line: string): boolean {
  if (!/\S\s{2,}\S|\S\u3000+\S/.test(line.trim())) return false;
  const cells = splitSpaced(line);
  return cells.length >= 2 && cells.every((c) => c.text.length <= 60);
}
