import type { Line } from './lines';

/** Page numbers as printed in headers/footers: "-3-", "— 4 —", "第 5 页", "5/12", "- 6 -". */
const PAGE_NUMBER = /^(?:[-—–－―~～_\s]*\d{1,4}[-—–－―~～_\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
/** Headers and footers live in the outer bands of the page (share of the page height). */
const MARGIN_BAND = 0.12;

/** Lines that are page furniture (page numbers in the top or bottom margin band), not content. */
export function isFurniture(line: Line, pageHeight: number): boolean {
  const inBand = line.y1 < pageHeight * MARGIN_BAND || line.y0 > pageHeight * (1 - MARGIN_BAND);
  return inBand && PAGE_NUMBER.test(line.text.trim());
}
