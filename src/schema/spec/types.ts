/**
 * The shape of a table spec. A spec is data only: what the official formats print (rows, columns,
 * the format versions that print them, the names a report may use instead, the identities that
 * hold between cells). Field codes, label dictionaries, classification cues, the codebook, the
 * checks and the review layout are all derived from it (src/schema/fields.ts, labels.ts, cues.ts,
 * src/checks, src/writers/review/layout.ts).
 */
export type Version = '2019' | '2021';
export const VERSIONS: readonly Version[] = ['2021', '2019'];

/** A printed text that may differ per format version. */
export type Printed = string | Partial<Record<Version, string>>;

export type ValueType = 'integer' | 'signed integer' | 'decimal';

/**
 * An accounting identity (勾稽关系), checked per column, per row or per block of a table:
 * sum(left) = sum(right). Sides name rows (per column) or columns (per row/block); `rowsUnder`
 * takes every value row below a heading row, `otherColumns` every column but the ones on the
 * other side. Diagnostics only: a failed identity is reported, the printed values stay.
 */
export interface IdentitySpec {
  id: string;
  per: 'column' | 'row' | 'block';
  description: string;
  left: Side;
  right: Side;
}
export type Side = string[] | { rowsUnder: string; except: string[] } | { otherColumns: true };

/** An identity between consecutive years of one body: this[Y] = previous[Y−1] (+ plus[Y] − minus[Y]). */
export interface AcrossYearsSpec {
  id: 't3.carry_chain' | 't2.in_force_chain';
  description: string;
  /** t3: per column of the table; t2: per row listed. */
  rows?: string[];
  current: string;
  previous: string;
  plus?: string[];
  minus?: string[];
}
