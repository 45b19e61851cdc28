import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Block, Cell, Table } from '../../src/model';
import { stitchPages } from '../../src/ocr/stitch';
import { decodeImage } from '../../src/ocr/sharp-ops';

/** A PNG built by hand: 8-bit RGB, 3×5. */
function tinyPng(): Buffer {
  const w = 3, h = 5;
  const rows: number[] = [];
  for (let y = 0; y < h; y++) { rows.push(0); for (let x = 0; x < w; x++) rows.push(x * 100, y * 50, 0); }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

describe('image decoding (sharp)', () => {
  it('decodes RGB to gray with BT.601 weights, red ink dropped out', async () => {
    const { raster } = await decodeImage(tinyPng());
    expect([raster.width, raster.height]).toEqual([3, 5]);
    // Pixel (2,4) is rgb(200, 200, 0).
    expect(raster.data[4 * 3 + 2]).toBe(Math.floor((200 * 299 + 200 * 587) / 1000));
    // Pixel (2,0) is rgb(200, 0, 0): seal red reads as paper (red dropout), not as luma 59 (dark);
    // pixel (0,4) is rgb(0, 200, 0), green, and stays luma.
    expect(raster.data[2]).toBe(255);
    expect(raster.data[4 * 3]).toBe(Math.floor((200 * 587) / 1000));
  });

  it('decodes the table screenshot fixture', async () => {
    const { raster } = await decodeImage(fs.readFileSync(path.join(__dirname, '../fixtures/ocr/table3-screenshot.png')));
    expect([raster.width, raster.height]).toEqual([784, 711]);
    expect(raster.data[0]).toBe(255);
  });
});

/** A table fragment from cell texts; every cell one slot, columns at 100 pt apart. */
function fragment(page: number, texts: string[][]): Table {
  let id = 0;
  const rows = texts.map((r, ri) => r.map((text, ci): Cell => ({ id: id++, text, row: ri, col: ci, rowSpan: 1, colSpan: 1, page, bbox: { x0: 50 + ci * 100, y0: 100 + ri * 20, x1: 150 + ci * 100, y1: 120 + ri * 20 } })));
  return { rows, method: 'ocr', page, pageEnd: page, bbox: { x0: 50, y0: 100, x1: 50 + 100 * texts[0].length, y1: 100 + 20 * texts.length } };
}

describe('tables across page breaks', () => {
  it('joins a table continued on the next page and mends a row the break cut in two', () => {
    const p1: Block[] = [{ kind: 'text', text: '三、收到和处理政府信息公开申请情况' }, { kind: 'table', table: fragment(1, [['', '自然人', '总计'], ['1.申请人无正', '0', '0']]) }];
    const p2: Block[] = [{ kind: 'table', table: fragment(2, [['当理由逾期不补正', '', ''], ['2.重复申请', '1', '1']]) }, { kind: 'text', text: '四、政府信息公开行政复议、行政诉讼情况' }];
    const out = stitchPages([p1, p2]);
    const tables = out.filter((b): b is { kind: 'table'; table: Table } => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const t = tables[0].table;
    expect([t.page, t.pageEnd]).toEqual([1, 2]);
    expect(t.rows.map((r) => r.map((c) => c?.text))).toEqual([['', '自然人', '总计'], ['1.申请人无正当理由逾期不补正', '0', '0'], ['2.重复申请', '1', '1']]);
    expect(out[out.length - 1]).toMatchObject({ kind: 'text' });
  });

  it('keeps tables apart when text separates them', () => {
    const p1: Block[] = [{ kind: 'table', table: fragment(1, [['a', '1']]) }, { kind: 'text', text: '四、政府信息公开行政复议、行政诉讼情况说明文字' }];
    const p2: Block[] = [{ kind: 'table', table: fragment(2, [['b', '2']]) }];
    expect(stitchPages([p1, p2]).filter((b) => b.kind === 'table')).toHaveLength(2);
  });
});
