import { promises as fs } from 'node:fs';
import type { ImageSource } from '../model';

/** A picture met while reading a flowing document (HTML, .docx): where it sits and where its bytes are. */
export interface PlacedPicture {
  /** Index in `blocks` before which the picture sits. */
  at: number;
  /** How the document names it: a package path, `data: URI`, the `src` of an `<img>` … */
  name: string;
  /** The bytes, when the document carries them (docx media, data: URIs). */
  data?: Buffer;
  /** A file beside the document (saved web pages keep images in a folder next to the HTML). */
  path?: string;
}

/** The OCR stage's view of a placed picture: its bytes are read only if the stage wants them. */
export function pictureSource(p: PlacedPicture): ImageSource {
  return {
    kind: 'picture',
    name: p.name,
    at: p.at,
    ...(p.data ? { bytes: p.data.length } : {}),
    async load() {
      if (p.data) return [{ kind: 'encoded', data: p.data }];
      if (!p.path) return [{ kind: 'missing', reason: 'not part of the document and not saved beside it (nothing is downloaded)' }];
      try {
        return [{ kind: 'encoded', data: await fs.readFile(p.path) }];
      } catch (e) {
        throw new Error(`cannot read ${p.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
  };
}
