/**
 * Plain pdftotext prints a table as flows (a blank line after each): a column of labels, then
 * columns of values band by band, a column it left out printed after the next heading. Every cell
 * printed: table 三 is placed in the standard rows where one reading of the flows balances every
 * identity; a blank cell (one value fewer) or a wrong printed total leaves it out, never guessed.
 */
import { parseText } from '../../src/readers/text/index';
import { recognize } from '../../src/schema/recognize';
import type { Message } from '../../src/model';
import { buildReport } from '../helpers/report-builder';
import { oneCellPerLine } from './layout-text';

const read = (text: string) => { const messages: Message[] = []; const rec = recognize(parseText(text, 'txt', messages)); return { rec, messages: [...messages, ...rec.messages] }; };
const isValue = (l: string) => /^[\d+\-—/]/.test(l) && !/^\d\./.test(l);

/**
 * The report's table 三 as pdftotext's flows: its labels in one flow, then bands of rows (`bands`
 * rows each, the rest in the last) with each column a flow of its own; the last column of the first
 * band comes after the next heading. `edit` changes the values (row by row, 7 a row) first.
 */
function asFlows(b: ReturnType<typeof buildReport>, bands: number[], edit: (rows: string[][]) => string[][] = (r) => r): string {
  const lines = oneCellPerLine(b.text).split('\n');
  const start = lines.findIndex((l) => l.startsWith('一、本年新收'));
  const end = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
  const body = lines.slice(start, end);
  const values = body.filter(isValue);
  const rows = edit(Array.from({ length: values.length / 7 }, (_, r) => values.slice(r * 7, r * 7 + 7)));
  const flows: string[][] = [body.filter((l) => !isValue(l))];
  let deferred: string[] = [];
  for (let i = 0, r0 = 0; r0 < rows.length; r0 += bands[i++] ?? rows.length) {
    const part = rows.slice(r0, r0 + (bands[i] ?? rows.length));
    for (let c = 0; c < 7; c++) {
      const column = part.map((row) => row[c]).filter((v) => v !== undefined);
      if (r0 === 0 && c === 6) deferred = column; else flows.push(column);
    }
  }
  const heading = lines[end];
  return [...lines.slice(0, start), '', ...flows.flatMap((f) => [...f, '']), heading, '', ...deferred, '', ...lines.slice(end + 1)].join('\n');
}

const t3 = (b: ReturnType<typeof buildReport>) => Object.keys(b.expected).filter((k) => k.startsWith('t3.'));

describe('table 三 from the flows of plain pdftotext', () => {
  it.each(['2019', '2021', 'hybrid'] as const)('places every cell of a %s report printed column by column in bands', (shape) => {
    const b = buildReport(shape);
    const { rec, messages } = read(asFlows(b, [7, 9]));
    expect(Object.fromEntries(t3(b).map((k) => [k, rec.cells[k]?.value]))).toEqual(Object.fromEntries(t3(b).map((k) => [k, b.expected[k]])));
    expect(messages.find((m) => m.code === 'rows-rebuild-flows')?.message).toContain('identity');
  });

  it('places nothing of table 三 when bands of the same height leave it open which band a column belongs to', () => {
    const b = buildReport('2019');
    const { rec } = read(asFlows(b, [10, 10]));
    expect(Object.keys(rec.cells).filter((k) => k.startsWith('t3.'))).toEqual([]);
  });

  it('places nothing of table 三 when a blank cell makes the count fall short', () => {
    const b = buildReport('2019');
    const { rec } = read(asFlows(b, [7, 9], (rows) => rows.map((row, r) => (r === 5 ? row.filter((_v, c) => c !== 3) : row))));
    expect(Object.keys(rec.cells).filter((k) => k.startsWith('t3.'))).toEqual([]);
  });

  it('places nothing of table 三 when a printed total is wrong: no reading balances, and a total is not fixed', () => {
    const b = buildReport('2021');
    const { rec } = read(asFlows(b, [7, 9], (rows) => rows.map((row, r) => (r === 4 ? [...row.slice(0, 6), String(Number(row[6]) + 1)] : row))));
    expect(Object.entries(rec.cells).filter(([k, c]) => k.startsWith('t3.') && c.value !== b.expected[k])).toEqual([]);
    expect(Object.keys(rec.cells).filter((k) => k.startsWith('t3.'))).toEqual([]);
  });

  it('places table 四\'s 15 values after its header words in the standard order', () => {
    const b = buildReport('2019');
    const { rec } = read(asFlows(b, [7, 9]));
    const t4 = Object.keys(b.expected).filter((k) => k.startsWith('t4.'));
    expect(Object.fromEntries(t4.map((k) => [k, rec.cells[k]?.value]))).toEqual(Object.fromEntries(t4.map((k) => [k, b.expected[k]])));
  });
});

describe('table 二 blocks of plain pdftotext', () => {
  const moved = (from: string[], to: string[]) => oneCellPerLine(buildReport('2019').text).replace(from.join('\n'), to.join('\n'));

  it('places a one-row block whose label comes after its values (each cell a flow of its own)', () => {
    const b = buildReport('2019');
    const { rec } = read(moved(['行政事业性收费', '5', '-1'], ['', '5', '', '-1', '', '行政事业性收费', '']));
    expect([rec.cells['t2.fees.prev_items']?.value, rec.cells['t2.fees.change']?.value]).toEqual([b.expected['t2.fees.prev_items'], b.expected['t2.fees.change']]);
  });

  it('places nothing of a block of several rows whose values the text does not keep with their labels', () => {
    const b = buildReport('2019');
    // As LibreOffice's PDF gives it: a row's first value on its label's line, its other values before it.
    const { rec } = read(moved(['其他对外管理服务事项', '10', '-2', '15'], ['-2', '15', '其他对外管理服务事项 10']));
    expect(Object.keys(rec.cells).filter((k) => k.startsWith('t2.other_services.'))).toEqual([]);
    expect(Object.entries(rec.cells).filter(([k, c]) => c.value !== b.expected[k])).toEqual([]);
  });
});
