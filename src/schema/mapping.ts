import type { Cell, CellValue, Message } from '../model';
import { msg } from '../model';
import { FIELD_BY_CODE } from './fields';
import { parseValue } from './values';
import type { RowView } from './rows';

/** Shared sink: parses a cell's text for a field code and records it with its provenance. */
export class CellSink {
  readonly cells: Record<string, CellValue> = {};
  readonly messages: Message[] = [];

  constructor(private readonly tableIndex: number) {}

  warn(code: string, message: string, extra: Partial<Message> = {}): void {
    this.messages.push(msg('warning', code, message, { where: { table: this.tableIndex }, ...extra }));
  }

  info(code: string, message: string, extra: Partial<Message> = {}): void {
    this.messages.push(msg('info', code, message, { where: { table: this.tableIndex }, ...extra }));
  }

  put(code: string, cell: Cell, rowLabel: string, columnLabel: string, opts: { headerUnit?: string; assumedColumn?: boolean; tableIndex?: number } = {}): void {
    const field = FIELD_BY_CODE.get(code);
    const where = { table: opts.tableIndex ?? this.tableIndex, page: cell.page, line: cell.line, bbox: cell.bbox };
    if (!field) {
      this.warn('cell-not-in-schema', `row "${rowLabel}" × column "${columnLabel}" has no field code (${code}); value "${cell.text}" not mapped`, { where });
      return;
    }
    const parsed = parseValue(cell.text, field.unit, opts.headerUnit, field.type);
    const lowConfidence = parsed.lowConfidence || opts.assumedColumn || (cell.confidence !== undefined && cell.confidence < LOW_OCR_CONFIDENCE) || undefined;
    const value: CellValue = {
      value: parsed.value, raw: cell.text.trim(), rowLabel, columnLabel,
      page: cell.page, line: cell.line, bbox: cell.bbox, table: where.table,
      confidence: cell.confidence, lowConfidence, assumedColumn: opts.assumedColumn || undefined,
    };
    if (cell.alternatives?.length) {
      // A rival reading is a value (a number or a printed blank); one that is not a value at all
      // ("0," with dust, "限120" with a seal's stroke) is noise, not a blank the cell might hold.
      const rivals = cell.alternatives.map((a) => parseValue(a, field.unit, opts.headerUnit, field.type)).filter((p) => p.value !== null || !p.warning);
      const alts = [...new Set(rivals.map((p) => p.value))].filter((v) => v !== value.value);
      if (alts.length) { value.alternatives = alts; value.lowConfidence = true; }
    }
    for (const k of Object.keys(value) as (keyof CellValue)[]) if (value[k] === undefined) delete value[k];
    const prev = this.cells[code];
    if (prev) {
      if (prev.value !== value.value) {
        this.warn('cell-conflict', `${code} printed twice: kept ${JSON.stringify(prev.raw)}, ignored ${JSON.stringify(value.raw)}`, { field: code, where });
      }
      return;
    }
    this.cells[code] = value;
    if (parsed.warning) this.warn(parsed.warning.code, parsed.warning.message, { field: code, where });
    if (opts.assumedColumn) {
      this.warn('column-assumed', `header unreadable: "${value.raw}" placed in ${columnLabel} by the standard column order`, { field: code, where });
    }
  }
}

/** OCR confidence below which a value is flagged for review. */
export const LOW_OCR_CONFIDENCE = 0.8;

export const labelPath = (r: RowView) => r.labels.map((l) => l.cell.text.replace(/\s+/g, ' ').trim()).join(' / ');
