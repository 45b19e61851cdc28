/**
 * Print styles and page layouts for the Chromium renditions of builder reports. Each style draws the
 * table rules the way some real producer does (or does not): the PDF reader has to find the grid
 * from whatever the browser emits for it.
 */
export type TableStyle = 'collapsed' | 'hairline' | 'separate' | 'none' | 'frame' | 'shaded' | 'dashed' | 'double' | 'clipped';
export type PageLayout = 'portrait' | 'landscape' | 'narrow' | 'broken-repeat' | 'broken-plain';

export const TABLE_STYLES: TableStyle[] = ['collapsed', 'hairline', 'separate', 'none', 'frame', 'shaded', 'dashed', 'double', 'clipped'];
export const PAGE_LAYOUTS: PageLayout[] = ['portrait', 'landscape', 'narrow', 'broken-repeat', 'broken-plain'];

const STYLE_CSS: Record<TableStyle, string> = {
  collapsed: 'table{border-collapse:collapse} td{border:1px solid #000}',
  hairline: 'table{border-collapse:collapse} td{border:0.5px solid #000}',
  separate: 'table{border-collapse:separate;border-spacing:3px} td{border:1px solid #000}',
  none: 'table{border-collapse:collapse} td{border:none}',
  frame: 'table{border-collapse:collapse;border:1.5px solid #000} td{border:none} tr.h td{border:1px solid #000}',
  shaded: 'table{border-collapse:collapse} td{border:1px solid #fff} tr.h td{background:#c8c8c8} tr:nth-child(even):not(.h) td{background:#eeeeee}',
  dashed: 'table{border-collapse:collapse} td{border:1px dashed #000}',
  double: 'table{border-collapse:collapse} td{border:3px double #000}',
  // Each cell draws a top and a left line far longer than itself, clipped to the cell (as some
  // producers draw a grid): the rulings exist only where the clip lets them through.
  clipped: 'table{border-collapse:collapse;border-right:1px solid #000;border-bottom:1px solid #000} td{position:relative;overflow:hidden}'
    + ' td::before{content:"";position:absolute;left:-2000px;right:-2000px;top:0;border-top:1px solid #000}'
    + ' td::after{content:"";position:absolute;top:-2000px;bottom:-2000px;left:0;border-left:1px solid #000}',
};

const LAYOUT_CSS: Record<PageLayout, string> = {
  portrait: '@page{size:A4;margin:2cm}',
  landscape: '@page{size:A4 landscape;margin:1.5cm}',
  // Value columns barely wider than one character: header words wrap, short ones stand one
  // character per line (vertically).
  narrow: '@page{size:A4;margin:2cm} table{width:auto} td{padding:1px} td.v{width:1.4em;max-width:1.6em;word-break:break-all}',
  'broken-repeat': '@page{size:A4;margin:2cm}',
  'broken-plain': '@page{size:A4;margin:2cm}',
};

/** Header rows of each builder table: table 二's 信息内容 rows and the first three rows of 三 and 四. */
function markRows(tableHtml: string, headerRows: number, repeat: boolean): string {
  const rows = tableHtml.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
  let i = 0;
  const marked = rows.map((r) => {
    const isHead = i++ < headerRows || /信息内容/.test(r);
    const cls = isHead ? '<tr class="h">' : '<tr>';
    // Value cells (numbers, blanks, dashes) get a class so narrow layouts can squeeze them.
    return r.replace(/^<tr>/, cls).replace(/<td>([^<]{0,8})<\/td>/g, (m, t: string) => (/^[\d.+\-—/万元]*$/.test(t) ? `<td class="v">${t}</td>` : m));
  });
  if (repeat && headerRows) {
    const head = marked.slice(0, headerRows).join('\n');
    return `<table><thead>${head}</thead><tbody>${marked.slice(headerRows).join('\n')}</tbody></table>`;
  }
  return `<table>${marked.join('\n')}</table>`;
}

/** The builder's HTML dressed for printing. `spacer` pushes table 三 down so it breaks across pages. */
export function styledHtml(html: string, style: TableStyle, layout: PageLayout, spacerMm = 150): string {
  let n = 0;
  const broken = layout.startsWith('broken');
  const out = html.replace(/<table border="1">([\s\S]*?)<\/table>/g, (_m, inner: string) => {
    const k = n++;
    const headerRows = k === 0 ? 0 : 3;
    const table = markRows(`<table>${inner}</table>`, headerRows, layout === 'broken-repeat');
    return k === 1 && broken ? `<div style="height:${spacerMm}mm"></div>${table}` : table;
  });
  const css = `body{font-family:"Noto Serif CJK SC",serif;font-size:10.5pt} td{padding:2px 4px;text-align:center;vertical-align:middle} ${STYLE_CSS[style]} ${LAYOUT_CSS[layout]}`;
  return out.replace('</head>', `<style>${css}</style></head>`);
}
