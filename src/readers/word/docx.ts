import mammoth from 'mammoth';
import type { Message, ReadResult } from '../../model';
import { msg } from '../../model';
import { parseHtml } from '../html';
import { pictureSource } from '../pictures';
import { plain } from '../types';
import { imagePaths } from './media';

/**
 * .docx through mammoth: Word's tables become HTML tables with colspan/rowspan kept, text boxes
 * (their VML fallback) and nested tables come along, and the HTML table path builds the grids.
 * Images cannot be read without OCR; each one is named in a warning so nothing is lost silently.
 */
export async function readDocx(buffer: Buffer, route = 'mammoth', format = 'docx'): Promise<ReadResult> {
  const messages: Message[] = [];
  const images: string[] = [];
  const bytesOf = new Map<string, Buffer>();
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer }, {
      convertImage: mammoth.images.imgElement(async (image) => {
        const n = images.length + 1;
        let bytes = 0;
        try { const b = await image.readAsBuffer(); bytes = b.length; bytesOf.set(`xxgk-image-${n}`, b); } catch { /* unreadable: named only */ }
        const alt = (image as unknown as { altText?: string }).altText?.trim();
        images.push(`image ${n} (${image.contentType ?? 'unknown type'}${bytes ? `, ${bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`}` : ''}${alt ? `, alt text "${alt}"` : ''})`);
        // A marker instead of the pixels: the HTML stays small and the image's place is known.
        return { src: `xxgk-image-${n}` };
      }),
    });
    html = result.value;
    for (const m of result.messages) {
      // Unknown paragraph styles are the normal case for documents not made in English Word.
      if (/Unrecognised (paragraph|run|table) style/.test(m.message)) continue;
      messages.push(msg(m.type === 'error' ? 'warning' : 'info', 'docx-mammoth', m.message));
    }
  } catch (e) {
    const why = (e as Error).message ?? String(e);
    const reason = /central directory|zip|Corrupted|end of data/i.test(why)
      ? `not a readable .docx: the ZIP container is damaged (${why})`
      : /word\/document\.xml|Could not find/i.test(why)
        ? `not a readable .docx: the ZIP holds no Word document part (${why})`
        : `not a readable .docx: ${why}`;
    messages.push(msg('error', 'docx-unreadable', reason));
    return plain({ format, route, blocks: [] }, messages, { unreadable: { kind: 'corrupt', reason } });
  }
  const { doc, pictures } = parseHtml(html, [], format);
  doc.route = route;
  // Name each image by its file in the package when the count agrees with what mammoth met.
  const paths = images.length ? await imagePaths(buffer) : [];
  images.forEach((name, i) => {
    if (paths.length === images.length) images[i] = name.replace(/^image (\d+) \(/, `image $1 (${paths[i]}, `);
  });
  for (const p of pictures) {
    const n = Number(/^xxgk-image-(\d+)$/.exec(p.name)?.[1]);
    p.data = bytesOf.get(p.name);
    if (n) p.name = images[n - 1];
  }
  for (const name of images) {
    messages.push(msg('info', 'word-image', `${name} inside the Word file; it is read by OCR when the text does not give the standard tables`));
  }
  return plain(doc, messages, { images: pictures.map(pictureSource) });
}
