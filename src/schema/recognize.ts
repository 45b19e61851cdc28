import type { CellValue, DocumentModel, FormatVersion, Message, Table, TableSummary } from '../model';
import { hasT2Frame, t4Score } from './cues';
import { codesFor, FIELD_BY_CODE, type Version } from './fields';
import { matchLabel, T2_ROW_LABELS } from './labels';
import { rebuildFlat } from './flat';
import { CellSink } from './mapping';
import { normLabel } from './normalize';
import { rowViews, tableText } from './rows';
import { mapT2, newT2State } from './t2';
import { flushPendingOther, mapT3, matchT3Label, newT3State } from './t3';
import { mapT4 } from './t4';
import { TABLES } from './spec';

export interface Recognized {
  cells: Record<string, CellValue>;
  tables: TableSummary[];
  formatVersion: FormatVersion;
  /** Shape per standard table, for the checks. */
  shapes: Partial<Record<2 | 3 | 4, Version>>;
  messages: Message[];
}

/** Which standard table a grid holds, judged by its content, never by section numbers. */
export function classify(table: Table, context: string[] = [], after3 = false): 2 | 3 | 4 | null {
  const text = normLabel(tableText(table));
  const rows = rowViews(table);
  let t2 = 0, t3 = 0;
  for (const r of rows) {
    const first = r.labels[0]?.cell.text;
    if (first && matchLabel(first, T2_ROW_LABELS)) t2++;
    if (r.labels.some((l) => matchT3Label(l.cell.text))) t3++;
  }
  if (hasT2Frame(text)) t2 += 2;
  const t4 = t4Score(text);
  // Table 四 whose header rows were printed as a line of words above a bare row of its 15 numbers.
  if (rows.length === 1 && rows[0].labels.length === 0 && rows[0].values.length === 15 && context.some((t) => /行政复议/.test(t) && /行政诉讼/.test(t))) return 4;
  const best = Math.max(t2, t3, t4);
  // The rest of table 三 after a page break, under a repeated header it could not read: one row
  // of table 三 is enough right after table 三 with no text between.
  if (after3 && t3 >= 1 && t3 >= t2 && t3 >= t4) return 3;
  if (best < 2) return null;
  if (t3 === best && t3 >= 2) return 3;
  if (t4 === best) return 4;
  return t2 >= 2 ? 2 : null;
}

/** Find tables 二, 三 and 四 in the document and map every value cell to its field code. */
export function recognize(doc: DocumentModel): Recognized {
  const messages: Message[] = [];
  const all: Record<string, CellValue> = {};
  const t2 = newT2State();
  const t3 = newT3State();
  const sources: Record<2 | 3 | 4, number[]> = { 2: [], 3: [], 4: [] };
  const methods: Record<2 | 3 | 4, Set<string>> = { 2: new Set(), 3: new Set(), 4: new Set() };
  const pages: Record<2 | 3 | 4, Set<number>> = { 2: new Set(), 3: new Set(), 4: new Set() };
  let context: string[] = [];
  let tableIndex = -1;
  let t3Sink: CellSink | null = null;
  let lastKind: 2 | 3 | 4 | null = null;
  const sinks: CellSink[] = [];
  // Tables whose row boundaries the source lost get their rows back from the row labels first;
  // one such stream can hold several tables (all keep the source table's index).
  const items: { block: DocumentModel['blocks'][number]; index?: number }[] = [];
  let sourceIndex = -1;
  for (const block of doc.blocks) {
    if (block.kind === 'text') { items.push({ block }); continue; }
    sourceIndex++;
    if (block.table.method !== 'text-flat' && block.table.method !== 'text-lines') { items.push({ block, index: sourceIndex }); continue; }
    for (const table of rebuildFlat(block.table, messages, sourceIndex)) items.push({ block: { kind: 'table', table }, index: sourceIndex });
  }
  for (const { block, index } of items) {
    if (block.kind === 'text') { context.push(block.text); if (context.length > 4) context.shift(); continue; }
    tableIndex = index!;
    const table = block.table;
    const kind = classify(table, context, lastKind === 3 && context.length === 0);
    lastKind = kind;
    if (kind !== 3 && t3Sink) { flushPendingOther(t3, t3Sink); }
    if (!kind) {
      if (table.rows.length >= 2 && /\d/.test(tableText(table))) {
        messages.push({ severity: 'info', code: 'table-unrecognized', message: `table ${tableIndex + 1} (${table.rows.length} rows) is none of the standard tables`, where: { table: tableIndex, page: table.page } });
      }
      context = [];
      continue;
    }
    const sink = new CellSink(tableIndex);
    sinks.push(sink);
    if (kind === 2) mapT2(table, tableIndex, t2, sink);
    else if (kind === 3) { mapT3(table, tableIndex, t3, sink); t3Sink = sink; }
    else mapT4(table, tableIndex, context, sink);
    if (Object.keys(sink.cells).length || kind !== 3) {
      sources[kind].push(tableIndex);
      methods[kind].add(table.method);
      for (let p = table.page ?? 0; p && p <= (table.pageEnd ?? table.page ?? 0); p++) pages[kind].add(p);
    }
    context = [];
  }
  if (t3Sink) flushPendingOther(t3, t3Sink);
  for (const s of sinks) {
    messages.push(...s.messages);
    for (const [code, v] of Object.entries(s.cells)) {
      if (all[code]) {
        if (all[code].value !== v.value) messages.push({ severity: 'warning', code: 'cell-conflict', field: code, message: `${code} found twice with different values: kept ${JSON.stringify(all[code].raw)} (table ${(all[code].table ?? 0) + 1}), ignored ${JSON.stringify(v.raw)} (table ${(v.table ?? 0) + 1})` });
        continue;
      }
      all[code] = v;
    }
  }

  const shapes: Partial<Record<2 | 3 | 4, Version>> = {};
  const tables: TableSummary[] = [];
  for (const n of [2, 3, 4] as const) {
    const codes = Object.keys(all).filter((c) => c.startsWith(`t${n}.`));
    if (!codes.length) continue;
    const shape = shapeOf(n, codes, n === 2 ? t2.shape : n === 3 ? t3.shape : new Set(), messages);
    shapes[n] = shape ?? '2021';
    const expected = codesFor(n, shapes[n]!);
    const missing = expected.filter((c) => !(c in all));
    const foreign = codes.filter((c) => !expected.includes(c));
    if (missing.length) messages.push({ severity: 'warning', code: 'cells-missing', message: `table ${TABLES[n].numeral} (${shape ?? 'format unknown'}): ${missing.length} of ${expected.length} cells not found: ${missing.slice(0, 12).join(', ')}${missing.length > 12 ? ' …' : ''}` });
    if (foreign.length) messages.push({ severity: 'warning', code: 'cells-mixed-format', message: `table ${TABLES[n].numeral} mixes formats: ${foreign.join(', ')} do not belong to its ${shapes[n]} shape` });
    tables.push({
      table: n, formatVersion: shape ?? 'unknown', methods: [...methods[n]], pages: [...pages[n]].sort((a, b) => a - b), sources: sources[n],
      cellsExpected: expected.length, cellsFound: expected.filter((c) => c in all).length,
      cellsNull: codes.filter((c) => all[c].value === null).length,
    });
  }
  const versions = new Set(tables.map((t) => t.formatVersion).filter((v) => v !== 'unknown'));
  const formatVersion: FormatVersion = versions.size === 0 ? 'unknown' : versions.size > 1 ? 'hybrid' : [...versions][0];
  // Keep the record's cells in the codebook's order.
  const cells: Record<string, CellValue> = {};
  for (const code of FIELD_BY_CODE.keys()) if (all[code]) cells[code] = all[code];
  return { cells, tables, formatVersion, shapes, messages };
}

/** The table's own shape, from what it prints (2019 / 2021), or null if it cannot tell. */
function shapeOf(n: 2 | 3 | 4, codes: string[], seen: Set<'2019' | '2021'>, messages: Message[]): Version | null {
  if (n === 4) return null;
  if (seen.size === 1) return [...seen][0];
  if (seen.size > 1) {
    messages.push({ severity: 'warning', code: 'shape-mixed', message: `table ${TABLES[n].numeral} prints columns of both the 2019 and 2021 formats` });
    const c19 = codes.filter((c) => FIELD_BY_CODE.get(c)!.versions.length === 1 && FIELD_BY_CODE.get(c)!.versions[0] === '2019').length;
    const c21 = codes.filter((c) => FIELD_BY_CODE.get(c)!.versions.length === 1 && FIELD_BY_CODE.get(c)!.versions[0] === '2021').length;
    return c19 > c21 ? '2019' : '2021';
  }
  return null;
}
