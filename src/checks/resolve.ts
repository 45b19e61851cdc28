import type { CellValue, Message } from '../model';
import { msg } from '../model';
import type { Version } from '../schema/fields';
import { runChecks } from './identities';

/**
 * Cells OCR read two ways (`alternatives`): the accounting identities may choose between the
 * readings, never invent a number. A reading is chosen when it is the only one of the cell's
 * readings that makes every identity involving the cell pass (and at least one identity could be
 * evaluated). Every choice is a warning listing the rivals; a cell the identities cannot settle is
 * set to null with a warning. Cells stay flagged lowConfidence either way.
 */
export function resolveOcrAlternatives(cells: Record<string, CellValue>, t3Shape: Version = '2021'): Message[] {
  const messages: Message[] = [];
  const uncertain = Object.keys(cells).filter((code) => cells[code].alternatives?.length);
  for (const code of uncertain) {
    const cell = cells[code];
    const readings = [cell.value, ...(cell.alternatives ?? [])].filter((v, i, a) => a.indexOf(v) === i);
    const printed = readings.map((v) => (v === null ? 'blank' : String(v))).join(' / ');
    const fits: (number | null)[] = [];
    let used: string[] = [];
    for (const v of readings) {
      if (v === null) continue;
      cell.value = v;
      const involved = runChecks(cells, t3Shape).filter((c) => code in c.values && c.outcome !== 'skipped');
      if (involved.length && involved.every((c) => c.outcome === 'pass')) { fits.push(v); used = involved.map((c) => `${c.id} (${c.scope})`); }
    }
    if (fits.length === 1) {
      cell.value = fits[0];
      messages.push(msg('warning', 'ocr-choice', `${code}: OCR read ${printed}; chose ${fits[0]}, the only reading that satisfies ${used.join(', ')}`, { field: code, where: { page: cell.page, bbox: cell.bbox } }));
    } else {
      cell.value = null;
      messages.push(msg('warning', 'ocr-unsettled', `${code}: OCR read ${printed} and the identities ${fits.length ? `fit ${fits.length} of them` : 'settle none of them'}; left null`, { field: code, where: { page: cell.page, bbox: cell.bbox } }));
    }
    cell.lowConfidence = true;
  }
  return messages;
}
