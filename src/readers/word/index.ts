import type { Message, ReadResult, UnreadableKind } from '../../model';
import { msg } from '../../model';
import { plain, type Reader, type ReaderInput } from '../types';
import { readDocText } from './doc-text';
import { readDocx } from './docx';
import { convertToDocx, findSoffice } from './libreoffice';

const failed = (format: string, kind: UnreadableKind, code: string, reason: string, route?: string): ReadResult =>
  plain({ format, ...(route ? { route } : {}), blocks: [] }, [msg('error', code, reason)], { unreadable: { kind, reason } });

/** What an OLE file that is not a readable Word document is, for the failure reason. */
const OLE_KINDS: Record<string, string> = {
  excel: 'an Excel workbook (OLE .xls), not a Word document',
  powerpoint: 'a PowerPoint file (OLE .ppt), not a Word document',
  damaged: 'a damaged OLE compound file (its directory cannot be read)',
  other: 'an OLE compound file without a Word document stream',
};

/**
 * Word files: .docx (mammoth), and Word 97 .doc/.wps, which is converted to .docx by LibreOffice
 * when it is installed (tables keep their spans) or else read as text by word-extractor. RTF
 * (common under a .doc name) goes through LibreOffice too.
 */
export class WordReader implements Reader {
  async read(input: ReaderInput): Promise<ReadResult> {
    if (input.sniffed === 'docx') return readDocx(input.buffer);
    if (input.sniffed === 'rtf') return readRtf(input);
    const kind = input.detail ?? 'other';
    const ext = /\.wps$/i.test(input.name) ? 'wps' : 'doc';
    if (kind === 'encrypted-ooxml') return failed('docx', 'encrypted', 'password-protected', 'password-protected: an encrypted Office document (EncryptionInfo/EncryptedPackage); save it without a password to extract it');
    if (kind === 'word-encrypted') return failed(ext, 'encrypted', 'password-protected', 'password-protected: the Word 97 file is encrypted (FIB fEncrypted); save it without a password to extract it');
    if (kind === 'word95') {
      if (input.options.noLibreOffice || !findSoffice()) return failed(ext, 'needs-converter', 'doc-word95', `a Word 6/95 file: reading it needs LibreOffice (${input.options.noLibreOffice ? 'disabled by --no-libreoffice' : 'not installed; apt-get install libreoffice-writer-nogui'})`);
      return readWord97(input.buffer, ext, input);
    }
    if (kind !== 'word') return failed(kind === 'excel' ? 'xls' : 'ole', kind === 'damaged' ? 'corrupt' : 'not-a-document', 'ole-not-word', `not readable: ${OLE_KINDS[kind] ?? OLE_KINDS.other}`);
    return readWord97(input.buffer, ext, input);
  }
}

/** RTF (often published under a .doc name): only LibreOffice reads its tables. */
async function readRtf(input: ReaderInput): Promise<ReadResult> {
  if (input.options.noLibreOffice || !findSoffice()) {
    return failed('rtf', 'needs-converter', 'rtf-needs-libreoffice', `an RTF document: reading it needs LibreOffice (${input.options.noLibreOffice ? 'disabled by --no-libreoffice' : 'not installed; apt-get install libreoffice-writer-nogui'})`);
  }
  try {
    const docx = await convertToDocx(input.buffer, 'rtf', input.options.policy.converterSeconds);
    const read = await readDocx(docx, 'libreoffice->docx', 'rtf');
    return { ...read, messages: [msg('info', 'rtf-route', 'RTF converted to .docx by LibreOffice'), ...read.messages] };
  } catch (e) {
    return failed('rtf', 'conversion-failed', 'rtf-unreadable', `an RTF document LibreOffice could not convert: ${(e as Error).message}`, 'libreoffice->docx');
  }
}

async function readWord97(buffer: Buffer, ext: string, input: ReaderInput): Promise<ReadResult> {
  const messages: Message[] = [];
  if (!input.options.noLibreOffice && findSoffice()) {
    const timeout = input.options.policy.converterSeconds;
    try {
      const docx = await convertToDocx(buffer, ext, timeout);
      const read = await readDocx(docx, 'libreoffice->docx', ext);
      if (!read.facts.unreadable) {
        messages.push(msg('info', 'doc-route', `${ext} converted to .docx by LibreOffice`));
        return { ...read, messages: [...messages, ...read.messages] };
      }
      messages.push(msg('warning', 'doc-libreoffice-failed', `LibreOffice's .docx was unreadable (${read.facts.unreadable.reason}); reading the text instead`));
    } catch (e) {
      messages.push(msg('warning', 'doc-libreoffice-failed', `LibreOffice conversion failed (${(e as Error).message}); reading the text instead`));
    }
  } else {
    messages.push(msg('info', 'doc-route', input.options.noLibreOffice
      ? 'LibreOffice disabled (--no-libreoffice): tables rebuilt from the Word text'
      : 'LibreOffice not installed: tables rebuilt from the Word text (install libreoffice-writer-nogui for exact tables)'));
  }
  const read = await readDocText(buffer, ext);
  return { ...read, messages: [...messages, ...read.messages] };
}

