/** A warning or note attached to a stage's result: nothing is silently dropped or guessed. */
export type Severity = 'info' | 'warning' | 'error';

export interface Message {
  severity: Severity;
  /** Stable machine-readable code, e.g. `row-unmatched`, `value-prose`, `pdf-no-text`. */
  code: string;
  message: string;
  /** Field code the message is about, when it concerns one cell. */
  field?: string;
  /** Where in the source the message comes from (page, line, table index). */
  where?: SourceRef;
}

/** Every stage returns a value plus the messages it produced (mammoth's pattern). */
export interface Result<T> {
  value: T;
  messages: Message[];
}

export interface SourceRef {
  /** 1-based page number (PDF, OCR) when the source has pages. */
  page?: number;
  /** 1-based line number (text inputs). */
  line?: number;
  /** Bounding box in page coordinates (points, top-left origin). */
  bbox?: BBox;
  /** Index of the table in the document (0-based), when relevant. */
  table?: number;
}

export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function msg(severity: Severity, code: string, message: string, extra: Partial<Message> = {}): Message {
  return { severity, code, message, ...extra };
}
