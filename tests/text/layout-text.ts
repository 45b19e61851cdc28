import { displayWidth } from '../../src/readers/text/spaced';

/**
 * Renditions of a builder report's tab text as text copied out of a PDF, for the text reader's tests.
 * `spaceAligned`: every tab table laid out in a monospaced grid (display width, CJK two columns),
 * blank cells as spaces, as a viewer's copy-paste gives it. `oneCellPerLine`: every non-empty cell
 * on a line of its own in reading order, blanks gone, as plain pdftotext gives a row-ordered table.
 */
const width = (s: string) => [...s].reduce((n, ch) => n + displayWidth(ch), 0);

export function spaceAligned(tabText: string): string {
  const lines = tabText.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].includes('\t')) { out.push(lines[i]); i++; continue; }
    let j = i;
    while (j < lines.length && lines[j].includes('\t')) j++;
    const rows = lines.slice(i, j).map((l) => l.split('\t'));
    const cols = Math.max(...rows.map((r) => r.length));
    const colWidth = Array.from({ length: cols }, (_, c) => Math.max(2, ...rows.map((r) => width(r[c] ?? ''))) + 3);
    for (const r of rows) out.push(r.map((t, c) => t + ' '.repeat(colWidth[c] - width(t))).join('').trimEnd());
    i = j;
  }
  return out.join('\n');
}

export const oneCellPerLine = (tabText: string): string =>
  tabText.split('\n').flatMap((l) => l.split('\t').map((c) => c.trim()).filter(Boolean)).join('\n');
