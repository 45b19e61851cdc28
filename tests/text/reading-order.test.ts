/**
 * Reading-order text (plain pdftotext of a row-ordered table, one cell per line, blanks gone):
 * rows rebuilt from the row labels; a row with as many values as columns is placed in order, a
 * shorter one is left out with a warning, never guessed.
 */
import { parseText } from '../../src/readers/text/index';
import { recognize } from '../../src/schema/recognize';
import type { Message } from '../../src/model';
import { buildReport } from '../helpers/report-builder';
import { oneCellPerLine } from './layout-text';

const read = (text: string) => { const messages: Message[] = []; const rec = recognize(parseText(text, 'txt', messages)); return { rec, messages: [...messages, ...rec.messages] }; };

describe('one cell per line', () => {
  it.each(['2019', '2021', 'hybrid'] as const)('reads every cell of a %s report without blanks', (shape) => {
    const b = buildReport(shape);
    const { rec } = read(oneCellPerLine(b.text));
    const got = Object.fromEntries(Object.keys(b.expected).map((k) => [k, rec.cells[k]?.value]));
    expect(got).toEqual(b.expected);
  });

  it('with blanks: no wrong value; each table 三 row is placed whole or left out with a warning naming it', () => {
    const b = buildReport('2021', { variant: { blanks: 0.3, dashes: 0.2, seed: 4 } });
    const { rec, messages } = read(oneCellPerLine(b.text));
    expect(Object.entries(rec.cells).filter(([k, c]) => c.value !== b.expected[k])).toEqual([]);
    const ambiguous = messages.filter((m) => m.code === 'rows-rebuild-ambiguous');
    const rowOf = (k: string) => k.replace(/\.[a-z_]+$/, '');
    const t3Rows = [...new Set(Object.keys(b.expected).filter((k) => k.startsWith('t3.')).map(rowOf))];
    let left = 0;
    for (const row of t3Rows) {
      const codes = Object.keys(b.expected).filter((k) => rowOf(k) === row);
      const found = codes.filter((k) => k in rec.cells).length;
      expect([0, codes.length]).toContain(found);
      // A row left out had a blank cell: fewer printed values than columns.
      if (!found) { left++; expect(codes.some((k) => b.expected[k] === null)).toBe(true); }
    }
    expect(left).toBeGreaterThan(0);
    expect(ambiguous.length).toBeGreaterThanOrEqual(left);
  });

  /** The 2019 report with table 三's labels first and its values after them, in the given order. */
  const labelsThenValues = (b: ReturnType<typeof buildReport>, order: (values: string[]) => string[]) => {
    const lines = oneCellPerLine(b.text).split('\n');
    const start = lines.findIndex((l) => l.startsWith('一、本年新收'));
    const end = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    const body = lines.slice(start, end);
    const isValue = (l: string) => /^[\d+\-—/]/.test(l) && !/^\d\./.test(l);
    return [...lines.slice(0, start), ...body.filter((l) => !isValue(l)), ...order(body.filter(isValue)), ...lines.slice(end)].join('\n');
  };

  it('places a table whose labels come first and whose values follow row by row, when they balance every identity', () => {
    const b = buildReport('2019');
    const { rec, messages } = read(labelsThenValues(b, (v) => v));
    const t3 = Object.keys(b.expected).filter((k) => k.startsWith('t3.'));
    expect(Object.fromEntries(t3.map((k) => [k, rec.cells[k]?.value]))).toEqual(Object.fromEntries(t3.map((k) => [k, b.expected[k]])));
    expect(messages.map((m) => m.code)).toContain('rows-rebuild-flows');
  });

  it('refuses the same values read column by column: no reading balances', () => {
    const b = buildReport('2019');
    // Row-major values turned column-major: the k-th value of every row, then the next column.
    const transpose = (v: string[]) => Array.from({ length: 7 }, (_, c) => v.filter((_x, i) => i % 7 === c)).flat();
    const { rec, messages } = read(labelsThenValues(b, transpose));
    expect(Object.keys(rec.cells).filter((k) => k.startsWith('t3.'))).toEqual([]);
    expect(messages.map((m) => m.code)).toContain('rows-rebuild-order');
  });
});

describe('cells of one reading-order line', () => {
  it('splits values after a label, and two numbered labels on one line, into cells of their own', () => {
    const text = ['信息内容', ...Array.from({ length: 8 }, (_, i) => String(i)), '行政规范性文件 3', '（三）不予 1.属于国家秘密'].join('\n');
    const table = parseText(text, 'txt').blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows[0].map((c) => c!.text).slice(-4)).toEqual(['行政规范性文件', '3', '（三）不予', '1.属于国家秘密']);
  });
});

describe('values of a row broken over lines', () => {
  /** Table 三's rows with their 7 values as plain pdftotext gives them from blocks: "a b c" / "d" / "e f g". */
  const broken = (b: ReturnType<typeof buildReport>, rows?: Set<string>) => {
    const lines = oneCellPerLine(b.text).split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      out.push(lines[i]);
      const vals = lines.slice(i + 1, i + 8);
      const isT3Row = /^(?:[一二三四]、|（[一二三四五六七]）|\d\.)/.test(lines[i]) && vals.length === 7 && vals.every((v) => /^[\d—/-]/.test(v) && !/^\d\./.test(v));
      if (isT3Row && (!rows || rows.has(lines[i]))) { out.push(vals.slice(0, 3).join(' '), vals[3], vals.slice(4).join(' ')); i += 7; }
    }
    return out.join('\n');
  };

  it('places rows whose values fall over lines the same way on many rows (the producer\'s blocks)', () => {
    const b = buildReport('2019');
    const text = broken(b);
    expect(text).toMatch(/\n\d+ \d+ \d+\n\d+\n\d+ \d+ \d+\n/);
    const { rec } = read(text);
    const t3 = Object.keys(b.expected).filter((k) => k.startsWith('t3.'));
    expect(Object.fromEntries(t3.map((k) => [k, rec.cells[k]?.value]))).toEqual(Object.fromEntries(t3.map((k) => [k, b.expected[k]])));
  });

  it('places one row split its own way only as part of a table that balances', () => {
    const b = buildReport('2019');
    const { rec } = read(broken(b, new Set(['二、上年结转政府信息公开申请数量'])));
    expect(Object.keys(b.expected).filter((k) => k.startsWith('t3.carried_over.')).map((k) => rec.cells[k]?.value)).toEqual(Object.keys(b.expected).filter((k) => k.startsWith('t3.carried_over.')).map((k) => b.expected[k]));
  });

  it('does not place a row whose number wrapped (one value more than the table holds)', () => {
    const b = buildReport('2019');
    // "68" wrapped in a narrow cell: "6" over "8".
    const text = broken(b, new Set(['一、本年新收政府信息公开申请数量'])).replace(/^(\d+ \d+ \d+\n\d+\n\d+ \d+ )68$/m, '$16\n8');
    expect(text).toMatch(/\n0 0 6\n8\n/);
    const { rec, messages } = read(text);
    expect(Object.keys(rec.cells).filter((k) => k.startsWith('t3.new_received.'))).toEqual([]);
    expect(messages.some((m) => m.severity === 'warning' && /^rows-rebuild-(ambiguous|order)$/.test(m.code))).toBe(true);
    expect(Object.entries(rec.cells).filter(([k, c]) => c.value !== b.expected[k])).toEqual([]);
  });

  it('places the rows before a page read column by column, and none after, when the values do not balance', () => {
    const b = buildReport('2019');
    const lines = oneCellPerLine(b.text).split('\n');
    const start = lines.findIndex((l) => l.startsWith('3.危及'));
    const end = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    const body = lines.slice(start, end);
    const isValue = (l: string) => /^[\d+\-—/]/.test(l) && !/^\d\./.test(l);
    // After the page the values come column by column: no reading of them balances.
    const values = body.filter(isValue);
    const columns = Array.from({ length: 7 }, (_, c) => values.filter((_x, i) => i % 7 === c)).flat();
    const { rec, messages } = read([...lines.slice(0, start), ...body.filter((l) => !isValue(l)), ...columns, ...lines.slice(end)].join('\n'));
    expect(rec.cells['t3.withheld.state_secret.total']?.value).toBe(b.expected['t3.withheld.state_secret.total']);
    expect(Object.keys(rec.cells).filter((k) => k.startsWith('t3.withheld.security_stability.') || k.startsWith('t3.total_processed.'))).toEqual([]);
    expect(Object.entries(rec.cells).filter(([k, c]) => c.value !== b.expected[k])).toEqual([]);
    expect(messages.find((m) => m.code === 'rows-rebuild-order')?.message).toContain('3.危及');
  });
});

describe('two row labels before one run of values', () => {
  it('places the values in neither row: they may be the upper row\'s as well as the lower one\'s', () => {
    const b = buildReport('2019');
    const lines = oneCellPerLine(b.text).split('\n');
    // The total row's values printed after the next row's label (as a landscape page break can
    // leave them), and that next row blank: both readings give one row of seven values.
    const total = lines.findIndex((l) => l.startsWith('（七）总计'));
    const next = lines.findIndex((l, i) => i > total && l.startsWith('四、结转'));
    const after = lines.findIndex((l, i) => i > next && l.startsWith('四、政府信息公开行政复议'));
    expect(0 < total && total < next && next < after).toBe(true);
    const totalValues = lines.slice(total + 1, next);
    const moved = [...lines.slice(0, total + 1), lines[next], ...totalValues, ...lines.slice(after)];
    const { rec, messages } = read(moved.join('\n'));
    const rowCells = (row: string) => Object.keys(rec.cells).filter((k) => k.startsWith(`t3.${row}.`));
    expect(rowCells('total_processed')).toEqual([]);
    expect(rowCells('carried_forward')).toEqual([]);
    expect(Object.entries(rec.cells).filter(([k, c]) => c.value !== b.expected[k])).toEqual([]);
    expect(messages.filter((m) => m.code === 'rows-rebuild-ambiguous').some((m) => m.message.includes('结转'))).toBe(true);
  });
});
