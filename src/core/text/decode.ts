// Bytes of a note file -> text. UTF-8 when the bytes are valid UTF-8, else Windows-1252
// (which also covers Latin-1's printable range), so a note saved by an old editor still reads.
import { NoteFormatError } from '../errors.ts';
import { decodeWindows1252 } from './cp1252.ts';

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** Share of control bytes (other than tab/CR/LF/FF) above which a file is treated as binary. */
const BINARY_CONTROL_SHARE = 0.1;

export function decodeNoteBytes(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new NoteFormatError('empty', `${fileName} is empty.`);
  // UTF-16 with a byte-order mark: decode before the NUL check, since its NULs are real text.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) {
      throw new NoteFormatError('binary', `${fileName} is a binary file (it contains NUL bytes), not a text note.`);
    }
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  if (controls / sample.length > BINARY_CONTROL_SHARE) {
    throw new NoteFormatError('binary', `${fileName} looks like a binary file, not a text note.`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Drops a BOM and turns CRLF / CR line ends into LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
