import type { Cell, Table } from '../../model';
import { numberText, toNumber } from '../../util/number';
import { ITEM_AFTER_SPACE, numbered } from './numbering';
import { charWidth, displayWidth, splitSpaced, splitValueRuns, VALUE_TOKEN, type SpacedCell, type Width } from './spaced';

/**
 * Space-aligned tables (`pdftotext -layout`, a viewer's copy-paste) read by character-column
 * alignment. The blank cells of such a table are just missing words, so its value columns are
 * found from the rows that print every value: a row with as many values as the widest row is a
 * template of where the columns stand. A shorter row takes its values' columns from the templates
 * next to it (above and below, on the same page): each value falls within half a column pitch of
 * exactly one template column, and every nearby template must agree. Where they do not (the text
 * producer shifted the columns between the templates, or no template is on the page), the row's
 * values are kept in one cell across all value slots: seen, never put in a column. A table whose
 * last column totals the others gives a second anchor that does not move with the line: see
 * placeByTotal.
 *
 * pdftotext places characters, one column each, whatever their glyph width; a monospaced viewer
 * gives CJK two. The rule under which the template rows agree best is used.
 */

/** A line of the run, its 1-based line number and the page it is on (form feeds counted). */
export interface AlignedRow { line: string; lineNo: number; page: number }
export interface Aligned { table: Table; /** Line numbers of rows whose values could not be placed. */ ambiguous: number[] }

interface Parsed { labels: SpacedCell[]; values: SpacedCell[]; page: number; lineNo: number; line: string }

const centre = (c: SpacedCell) => (c.x0 + c.x1) / 2;

function splitItems(c: SpacedCell, width: Width): SpacedCell[] {
  const m = c.text.match(ITEM_AFTER_SPACE);
  if (!m || m.index === undefined) return [c];
  const head = c.text.slice(0, m.index);
  const x = c.x0 + [...c.text.slice(0, m.index + m[0].length)].reduce((n, ch) => n + width(ch), 0);
  const w = [...head].reduce((n, ch) => n + width(ch), 0);
  return [{ text: head, x0: c.x0, x1: c.x0 + w }, ...splitItems({ text: c.text.slice(m.index + m[0].length), x0: x, x1: c.x1 }, width)];
}

function parse(rows: AlignedRow[], width: Width): Parsed[] {
  return rows.map(({ line, lineNo, page }) => {
    const cells = splitValueRuns(splitSpaced(line, width), width);
    let k = cells.length;
    while (k > 0 && VALUE_TOKEN.test(cells[k - 1].text)) k--;
    return { labels: cells.slice(0, k).flatMap((c) => splitItems(c, width)), values: cells.slice(k), page, lineNo, line };
  });
}

/** How far template rows of one page disagree with the template row before them (sum of shifts). */
function disagreement(parsed: Parsed[], k: number): number {
  let d = 0;
  let prev: Parsed | undefined;
  for (const p of parsed) {
    if (p.values.length !== k) continue;
    if (prev && prev.page === p.page) d += p.values.reduce((s, v, i) => s + Math.abs(centre(v) - centre(prev!.values[i])), 0);
    prev = p;
  }
  return d;
}

/** The narrowest distance between two neighbouring columns of a template row. */
const pitchOf = (template: SpacedCell[]) => { const t = template.map(centre); return Math.min(...t.slice(1).map((x, i) => x - t[i])); };

/** Template column of each value, or null when a value is not within half a pitch of one column. */
function fit(values: SpacedCell[], template: SpacedCell[]): number[] | null {
  const t = template.map(centre);
  const pitch = pitchOf(template);
  if (!(pitch > 0)) return null;
  const tol = pitch * MAX_OFFSET + 0.01;
  const out: number[] = [];
  for (const v of values) {
    const c = centre(v);
    const j = t.findIndex((x) => Math.abs(x - c) <= tol);
    if (j < 0 || (out.length && j <= out[out.length - 1])) return null;
    out.push(j);
  }
  return out;
}

/** A line with a label of its own: one of its labels starts with a row number. */
const ownLabel = (p: Parsed) => p.labels.some((l) => numbered(l.text));

/**
 * A label printed with its values on its first line wraps onto label-only lines below it
 * ("5.要求行政机关确认或" / "重新出具已获取信息"): those lines are joined into the row's labels,
 * each piece to the label it stands under. A label-only line above a value row is left alone (it starts
 * that row), unless the row's label goes on below its values.
 */
function joinLabelTails(parsed: Parsed[], firstData: number): Parsed[] {
  const out: Parsed[] = [];
  for (const [i, p] of parsed.entries()) {
    const prev = out[out.length - 1];
    const tail = i > firstData && p.values.length === 0 && p.labels.length > 0 && prev && prev.values.length > 0
      && prev.labels.length >= p.labels.length && !ownLabel(p);
    // A label printed around its values (label line, value line, rest of the label: cells centred
    // vertically) is one row.
    const before = out[out.length - 2];
    const around = i > firstData + 1 && p.values.length === 0 && p.labels.length > 0 && prev && prev.labels.length === 0 && prev.values.length > 0
      && before && before.values.length === 0 && before.labels.length >= p.labels.length && !ownLabel(p);
    if (around) {
      out.splice(out.length - 2, 2, { ...prev, labels: joinPieces(before.labels, p.labels) });
      continue;
    }
    // A numbered label that starts on label-only lines above its values ("2. 没有现成" / "）无" /
    // "信息需要另行  2 0 0 …"): the row's label is those lines' pieces, top to bottom.
    if (i > firstData && p.values.length > 0 && p.labels.length > 0 && !ownLabel(p)) {
      let k = out.length;
      while (k > 0 && out[k - 1].values.length === 0 && out[k - 1].labels.length > 0 && out.length - k < MAX_LEAD_LINES) k--;
      const lead = out.slice(k);
      const start = lead.findIndex(ownLabel);
      if (start >= 0 && !lead.slice(start + 1).some(ownLabel)) {
        const labels = [...lead.slice(start + 1), p].reduce((acc, q) => joinPieces(acc, q.labels, true), lead[start].labels);
        out.splice(k + start, lead.length - start, { ...p, labels });
        continue;
      }
    }
    if (!tail) { out.push(p); continue; }
    out[out.length - 1] = { ...prev, labels: joinPieces(prev.labels, p.labels) };
  }
  return out;
}

/** At most this many label-only lines start a row above its values. */
const MAX_LEAD_LINES = 3;

/**
 * Each piece continues the label it stands under (most overlap, else the nearest start). With
 * `leftIsOwn`, a piece wholly left of every label is a label of its own there (a group label's
 * line beside the row's).
 */
function joinPieces(labels: SpacedCell[], pieces: SpacedCell[], leftIsOwn = false): SpacedCell[] {
  const out = labels.map((l) => ({ ...l }));
  const overlap = (a: SpacedCell, b: SpacedCell) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  for (const l of pieces) {
    if (leftIsOwn && out.length && out.every((o) => overlap(l, o) <= 0 && l.x1 <= o.x0)) { out.unshift({ ...l }); continue; }
    const t = [...out].sort((a, b) => overlap(l, b) - overlap(l, a) || Math.abs(a.x0 - l.x0) - Math.abs(b.x0 - l.x0))[0];
    t.text += l.text;
  }
  return out;
}

/**
 * The tables of a run of space-aligned lines (rows `from`..`to`), each with its value columns as
 * real slots, or null where a part gives no template row (the caller keeps its words in order).
 */
export function alignColumns(rows: AlignedRow[]): { from: number; to: number; aligned: Aligned | null }[] {
  // A line of three or more words and no value after a value row is the header of the next table
  // (table 二 prints one small table per article, each under its caption); so is a line starting
  // with the word the run's first line starts with (信息内容 again).
  const first = rows[0]?.line.trim().split(/\s+/)[0];
  const starts = [0];
  let seenValues = false;
  rows.forEach((r, i) => {
    const cells = splitValueRuns(splitSpaced(r.line));
    const values = cells.filter((c) => VALUE_TOKEN.test(c.text)).length;
    if (values) { seenValues = true; return; }
    const ws = r.line.trim().split(/\s+/);
    // A row label (letter-spaced: "三 、本 年 度办 理 结果") is no header.
    if (seenValues && !numbered(r.line.trim()) && ((ws.length >= 3 && !ITEM_AFTER_SPACE.test(r.line.trim())) || (ws.length >= 2 && ws[0] === first))) {
      // Its caption line just above goes with it.
      const caption = i - 1 > starts[starts.length - 1] && !VALUE_TOKEN.test(rows[i - 1].line.trim().split(/\s+/).pop() ?? '') ? i - 1 : i;
      starts.push(caption);
      seenValues = false;
    }
  });
  return starts.map((s, i) => { const to = starts[i + 1] ?? rows.length; return { from: s, to, aligned: alignSegment(rows.slice(s, to)) }; });
}

/** Largest share of the column pitch a value's centre may sit off its template column. */
const MAX_OFFSET = 0.25;

/**
 * The slot of each value of line `r`: in order on a full line; on a shorter one from the template
 * lines above and below it on the page, which must both exist, stand at the same columns and fit
 * it the same way (pdftotext shifts columns between blocks of lines by about one pitch: a line
 * next to only one template could be shifted without showing it).
 */
function place(parsed: Parsed[], r: number, templates: number[], k: number): number[] | null {
  const p = parsed[r];
  if (p.values.length === k) return p.values.map((_v, i) => i);
  const above = [...templates].reverse().find((t) => t < r && parsed[t].page === p.page);
  const below = templates.find((t) => t > r && parsed[t].page === p.page);
  if (above === undefined || below === undefined) return null;
  const [ta, tb] = [parsed[above].values, parsed[below].values];
  if (ta.some((v, i) => Math.abs(centre(v) - centre(tb[i])) > 0.5)) return null;
  // Values one space apart are packed, not aligned: a missing one would just move the others left.
  if (ta.some((v, i) => i > 0 && v.x0 - ta[i - 1].x1 < 2)) return null;
  const fa = fit(p.values, ta), fb = fit(p.values, tb);
  return fa && fb && fa.join() === fb.join() ? fa : null;
}

/** A printed number's value (separators and a unit dropped), or null for a dash or anything else. */
function amount(text: string): number | null {
  const t = numberText(text).replace(/,/g, '').replace(/[^\d.+\-−]+$/, '');
  return /^[+\-−]?\d+(?:\.\d+)?$/.test(t) ? toNumber(t) : null;
}

/** The last value is the sum of the others (dashes and blanks count nothing), and not zero. */
function totalsLast(values: SpacedCell[]): boolean {
  const n = values.map((v) => amount(v.text));
  const last = n[n.length - 1];
  if (last === null || last === 0) return false;
  const sum = n.slice(0, -1).reduce((s: number, x) => s + (x ?? 0), 0);
  return Math.abs(sum - last) < 1e-6;
}

/**
 * Order-preserving assignments of `values` (all but the last) to template columns 0..k-2, each
 * value's offset from the row's last value within `tol` of the column's offset from the template's
 * last column. Stops at two: only a unique one is of use.
 */
function assignments(values: SpacedCell[], template: SpacedCell[], tol: number): number[][] {
  const last = centre(values[values.length - 1]), tLast = centre(template[template.length - 1]);
  const off = values.slice(0, -1).map((v) => centre(v) - last);
  const cols = template.slice(0, -1).map((t) => centre(t) - tLast);
  const out: number[][] = [];
  const walk = (i: number, from: number, acc: number[]) => {
    if (out.length > 1) return;
    if (i === off.length) { out.push([...acc, template.length - 1]); return; }
    for (let j = from; j <= cols.length - (off.length - i); j++) if (Math.abs(off[i] - cols[j]) <= tol) walk(i + 1, j + 1, [...acc, j]);
  };
  walk(0, 0, []);
  return out;
}

/**
 * A shorter row of a table whose last column totals the others (every template row says so): when
 * the row's last value is the sum of its others it stands in that total column, whatever shift the
 * text producer gave its line, and its other values are placed by their distances from it. Every
 * template row of the table must allow exactly one placement, the same one; otherwise none.
 */
function placeByTotal(parsed: Parsed[], r: number, templates: number[]): number[] | null {
  const p = parsed[r];
  if (p.values.length < 2 || !totalsLast(p.values)) return null;
  // The nearest templates above and below: pdftotext shifts blocks of lines apart, and a row
  // between two templates that agree is in their block (one at the edge could be in a block of its own).
  const above = [...templates].reverse().find((t) => t < r);
  const below = templates.find((t) => t > r);
  if (above === undefined || below === undefined) return null;
  let found: number[] | null = null;
  for (const t of [above, below]) {
    const tv = parsed[t].values;
    // Values all one space apart are packed, not aligned (copy-paste): no distance says anything.
    if (tv.every((v, i) => i === 0 || v.x0 - tv[i - 1].x1 < 2)) return null;
    const pitch = pitchOf(tv);
    if (!(pitch > 0)) return null;
    const a = assignments(p.values, tv, pitch * MAX_OFFSET + 0.01);
    if (a.length !== 1 || (found && found.join() !== a[0].join())) return null;
    found = a[0];
  }
  return found;
}

/**
 * Both width rules are tried: the one under which more rows find their columns wins, then the one
 * whose template rows agree best (ties to pdftotext's one column per character).
 */
function alignSegment(rows: AlignedRow[]): Aligned | null {
  const tries = [charWidth, displayWidth].map((w) => { const parsed = parse(rows, w); return { parsed, aligned: alignWith(parsed) }; });
  const k = Math.max(0, ...tries[0].parsed.map((p) => p.values.length));
  const ok = tries.filter((t) => t.aligned);
  ok.sort((a, b) => a.aligned!.ambiguous.length - b.aligned!.ambiguous.length || disagreement(a.parsed, k) - disagreement(b.parsed, k));
  return ok[0]?.aligned ?? null;
}

function alignWith(best: Parsed[]): Aligned | null {
  const k = Math.max(0, ...best.map((p) => p.values.length));
  if (k < 2) return null;
  const firstData = best.findIndex((p) => p.values.length > 0);
  const parsed = joinLabelTails(best, firstData);
  // A header line naming more columns than the widest row prints: no row is complete.
  const words = (p: Parsed) => p.line.trim().split(/\s+/).length;
  if (parsed.slice(0, firstData).some((p) => words(p) > k + 1)) return null;
  const templates = parsed.map((p, i) => (p.values.length === k ? i : -1)).filter((i) => i >= 0);
  if (!templates.length) return null;
  const labelCols = Math.max(0, ...parsed.slice(firstData).map((p) => p.labels.length));
  const width = labelCols + k;
  let id = 0;
  const ambiguous: number[] = [];
  const cell = (text: string, r: number, col: number, p: Parsed, span = 1, c?: SpacedCell): Cell => ({
    id: id++, text, row: r, col, rowSpan: 1, colSpan: span, line: p.lineNo,
    ...(c ? { bbox: { x0: c.x0, x1: c.x1, y0: r, y1: r + 1 } } : {}),
  });
  // The last column totals the others when every template row says so (and one is not zero).
  const totals = templates.every((t) => { const v = parsed[t].values.map((x) => amount(x.text)); return v.every((x) => x !== null) && (totalsLast(parsed[t].values) || v.every((x) => x === 0)); })
    && templates.some((t) => totalsLast(parsed[t].values));
  const placed = parsed.map((p, r) => (r < firstData || !p.values.length ? null
    : place(parsed, r, templates, k) ?? (totals ? placeByTotal(parsed, r, templates) : null)));
  // Two partial lines in a row whose values fill complementary columns are one row's values that
  // the text producer broke over two lines (next to another row's label). Whose row it is shows
  // only when the second line's label goes on below it beside a full row of values (the label
  // was centred on its own values: "4.无正当理由大量反复申" / "处理 请 6 0 0 0 0 0 6"): then the
  // broken values are the first line's, and the second line's label is the next row's. Otherwise
  // neither is placed.
  for (let r = firstData + 1; r < parsed.length; r++) {
    const a = placed[r - 1], b = placed[r];
    if (!a || !b || a.length === k || b.length === k || a.length + b.length !== k) continue;
    if (new Set([...a, ...b]).size !== k) continue;
    const next = parsed[r + 1];
    const carriesOn = next && placed[r + 1]?.length === k && next.labels.length > 0 && !ownLabel(next);
    if (carriesOn && Math.max(...a) < Math.min(...b) && ownLabel(parsed[r - 1]) && ownLabel(parsed[r])) {
      parsed[r - 1] = { ...parsed[r - 1], values: [...parsed[r - 1].values, ...parsed[r].values] };
      placed[r - 1] = [...a, ...b];
      parsed[r + 1] = { ...next, labels: joinPieces(parsed[r].labels, next.labels) };
      parsed.splice(r, 1);
      placed.splice(r, 1);
      continue;
    }
    placed[r - 1] = null; placed[r] = null;
  }
  // Fewer bare digits on the line right after a row's values, with no label of their own:
  // numbers wrapped inside narrow cells ("82" over "26" is 8226; pdftotext need not set the piece
  // under its head). Which pieces join is not certain from the text, so neither line is placed.
  for (let r = firstData + 1; r < parsed.length; r++) {
    const up = parsed[r - 1], p = parsed[r];
    // A label of its own would make it a row; the tail of a wrapped label ("他情形）") does not.
    const tailOnly = p.labels.every((l) => !numbered(l.text) && /[）)]$/.test(l.text));
    if (!p.values.length || p.values.length >= up.values.length || !tailOnly) continue;
    if (p.values.every((v) => /^\d+$/.test(v.text))) { placed[r - 1] = null; placed[r] = null; }
  }
  const grid: (Cell | null)[][] = parsed.map((p, r) => {
    const out: (Cell | null)[] = Array.from({ length: width }, () => null);
    if (r < firstData) {
      // Header lines: a line of exactly one corner word and one word per column names the slots.
      const ws = p.line.trim().split(/\s+/);
      if (ws.length === k + 1 && labelCols > 0) {
        out[labelCols - 1] = cell(ws[0], r, labelCols - 1, p);
        ws.slice(1).forEach((w, i) => { out[labelCols + i] = cell(w, r, labelCols + i, p); });
      } else out[0] = cell(p.line.trim().replace(/\s+/g, ' '), r, 0, p);
      return out;
    }
    // Labels end where the value slots begin, whatever their count.
    p.labels.forEach((l, i) => { out[labelCols - p.labels.length + i] = cell(l.text, r, labelCols - p.labels.length + i, p, 1, l); });
    if (!p.values.length) return out;
    const cols = placed[r];
    if (!cols) {
      ambiguous.push(p.lineNo);
      const across = cell(p.values.map((v) => v.text).join('  '), r, labelCols, p, k);
      for (let i = 0; i < k; i++) out[labelCols + i] = across;
      return out;
    }
    for (let i = 0; i < k; i++) out[labelCols + i] = cell('', r, labelCols + i, p);
    cols.forEach((c, i) => { out[labelCols + c] = cell(p.values[i].text, r, labelCols + c, p, 1, p.values[i]); });
    return out;
  });
  return { table: { rows: grid, method: 'text-columns' }, ambiguous };
}
