import type { Status, TableSummary, Unreadable } from '../model';
import type { Unread } from './ocr-stage';

/** Earliest statistics year with a national table format. */
export const FIRST_FORMAT_YEAR = 2019;

/** Everything the record's status depends on, as facts. */
export interface StatusFacts {
  /** The reader could not read the document. */
  unreadable?: Unreadable;
  /** Scanned pages or pictures that needed OCR and were not read. */
  unread: Unread[];
  /** The text looks like an information-disclosure annual report (title, standard tables). */
  isReport: boolean;
  year: number | null;
  /** The standard tables found, with how many of their cells. */
  tables: Pick<TableSummary, 'table' | 'cellsFound' | 'cellsExpected'>[];
  /** Cells flagged for review (low confidence, assumed column). */
  uncertainCells: number;
}

export interface StatusDecision { status: Status; reason?: string }

const TABLE_NAMES = '二三四';

/**
 * The record's status and a one-line reason, from facts alone:
 * - `unsupported`: not a report, or a report from before the national formats;
 * - `failed`: no standard table could be read, with the cause (unreadable file, scans not OCR'd, …);
 * - `partial`: tables found, but some missing, incomplete or needing review;
 * - `ok`: all three tables complete and nothing to review.
 */
export function decideStatus(f: StatusFacts): StatusDecision {
  const found = f.tables.length;
  const pages = f.unread.filter((u) => u.kind === 'page');
  const pictures = f.unread.filter((u) => u.kind === 'picture');
  if (f.year !== null && f.year < FIRST_FORMAT_YEAR && found < 2) {
    return { status: 'unsupported', reason: `a ${f.year} report: reports before 2019 have no national table format` };
  }
  if (!found) {
    if (f.unreadable) return { status: 'failed', reason: f.unreadable.reason };
    if (pages.length) return { status: 'failed', reason: pagesNotRead(pages) };
    // Pictures not read may be the tables: whether it is a report cannot be told from the text.
    if (!f.isReport && pictures.length) {
      return { status: 'failed', reason: `none of the standard tables in the text, and ${picturesNotRead(pictures.length).replace('the file has ', '')}: ${[...new Set(pictures.map((p) => p.reason))].join('; ')}` };
    }
    if (!f.isReport) return { status: 'unsupported', reason: 'not a government information-disclosure annual report (no report title and none of the standard tables)' };
    let reason = 'a report, but none of the standard tables 二/三/四 was found';
    if (pictures.length) reason += `; ${picturesNotRead(pictures.length)} (see warnings)`;
    return { status: 'failed', reason };
  }
  const missing = ([2, 3, 4] as const).filter((n) => !f.tables.some((t) => t.table === n));
  const incomplete = f.tables.filter((t) => t.cellsFound < t.cellsExpected);
  const problems: string[] = [];
  if (missing.length) problems.push(`table ${missing.map((n) => TABLE_NAMES[n - 2]).join('/')} not found`);
  if (incomplete.length) problems.push(incomplete.map((t) => `table ${TABLE_NAMES[t.table - 2]}: ${t.cellsFound}/${t.cellsExpected} cells`).join('; '));
  if (f.uncertainCells) problems.push(`${f.uncertainCells} cells need review (low confidence or assumed columns)`);
  if (f.unreadable) problems.push(f.unreadable.reason);
  if (missing.length || incomplete.length) {
    if (pages.length) problems.push(pagesNotRead(pages));
    if (pictures.length) problems.push(picturesNotRead(pictures.length));
  }
  return problems.length ? { status: 'partial', reason: problems.join('; ') } : { status: 'ok' };
}

function pagesNotRead(pages: Unread[]): string {
  const reasons = [...new Set(pages.map((p) => p.reason))].join('; ');
  const numbers = pages.map((p) => p.page).filter((n): n is number => n !== undefined);
  if (numbers.length !== pages.length) return `the input is an image and needs OCR, which was not done: ${reasons}`;
  return `${numbers.length === 1 ? `page ${numbers[0]} is an image` : `pages ${numbers.join(', ')} are images`} without text (a scan) and need OCR, which was not done: ${reasons}`;
}

const picturesNotRead = (n: number) => `the file has ${n} picture${n > 1 ? 's' : ''} that ${n > 1 ? 'were' : 'was'} not read`;
