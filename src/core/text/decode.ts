// Bytes of a note file -> text. UTF-16 when a byte-order mark or the pattern of its NUL bytes
// says so; else UTF-8, where a few bytes that are not valid UTF-8 are shown as � and reported;
// else Windows-1252 (which also covers Latin-1's printable range), so a note saved by an old
// editor still reads.
import type { NoteWarning } from '../deck/types.ts';
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
  /** Bytes that could not be read (`unreadable-bytes`), one warning per line, in line order. */
  warnings: NoteWarning[];
}

/** Share of control bytes (other than tab/CR/LF/FF) above which a file is treated as binary. */
const BINARY_CONTROL_SHARE = 0.1;

/** Bytes looked at to tell text from binary and UTF-16 from the rest. */
const SAMPLE_SIZE = 64 * 1024;

/**
 * Share of UTF-16 code units that must be ASCII (a NUL in the high byte) before a file without a
 * byte-order mark is read as UTF-16: spaces, digits and line ends give even dense CJK text that.
 */
const UTF16_MIN_ASCII_SHARE = 0.025;

/**
 * NULs in the low byte allowed per NUL in the high byte: characters such as 一 (U+4E00) and the
 * ideographic space (U+3000) put them there in real text; binary data has as many of each.
 */
const UTF16_MAX_LOW_NUL_RATIO = 0.5;

/** Share of code units that may be controls, NUL characters or noncharacters in UTF-16 text. */
const UTF16_MAX_BAD_SHARE = 0.01;

/**
 * Decodes a note's bytes. Throws NoteFormatError `empty` for no bytes and `binary` for a file
 * that is not text; bytes that cannot be read in an otherwise readable file are warnings.
 */
export function decodeNoteBytes(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new NoteFormatError('empty', `${fileName} is empty.`);
  // UTF-16 with a byte-order mark: decode before the NUL check, since its NULs are real text.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, false);
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_SIZE));
  const utf16 = utf16ByteOrder(sample);
  if (utf16 !== undefined) return decodeUtf16(bytes, utf16 === 'utf-16le');
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
  const scan = scanUtf8(bytes);
  if (scan.unreadable.size === 0) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', warnings: [] };
  // Each well-formed or cut-short multi-byte sequence is a vote for UTF-8 with a few damaged
  // bytes; each lone high byte (é in "Café" saved by an old editor) a vote for Windows-1252.
  // A tie goes to UTF-8, whose mistakes show (as �) where a wrong cp1252 reading is silent.
  if (scan.multiByte + scan.cutShort >= scan.lone) {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      encoding: 'utf-8',
      warnings: unreadableWarnings(scan.unreadable, 'UTF-8'),
    };
  }
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', warnings: [] };
}

/** Drops a BOM and turns CRLF / CR line ends into LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Line (1-based, counting LF, CRLF and lone CR once each) -> bytes on it that could not be read. */
type UnreadableByLine = Map<number, number>;

interface Utf8Scan {
  /** Well-formed sequences of two to four bytes. */
  multiByte: number;
  /** Ill-formed sequences of a lead byte and at least one right continuation byte (cut short). */
  cutShort: number;
  /** Ill-formed single bytes: a stray continuation byte, a lead byte without one, or a byte UTF-8 never uses (C0, C1, F5..FF). */
  lone: number;
  unreadable: UnreadableByLine;
}

/**
 * Walks the bytes as UTF-8. Ill-formed sequences are split the way TextDecoder splits them into
 * U+FFFD (WHATWG "maximal subparts"), so the counts match what the reader sees.
 */
function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { multiByte: 0, cutShort: 0, lone: 0, unreadable: new Map() };
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      if (lead === 0x0a || (lead === 0x0d && bytes[i + 1] !== 0x0a)) line++;
      i++;
      continue;
    }
    const continuations = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    let length = 1;
    if (continuations > 0) {
      // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
      let low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      let high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      while (length <= continuations) {
        const next = bytes[i + length];
        if (next === undefined || next < low || next > high) break;
        low = 0x80;
        high = 0xbf;
        length++;
      }
      if (length > continuations) {
        scan.multiByte++;
        i += length;
        continue;
      }
    }
    if (length === 1) scan.lone++;
    else scan.cutShort++;
    scan.unreadable.set(line, (scan.unreadable.get(line) ?? 0) + length);
    i += length;
  }
  return scan;
}

function unreadableWarnings(unreadable: UnreadableByLine, encoding: string): NoteWarning[] {
  return [...unreadable].map(([line, count]) => ({
    line,
    ruleId: 'unreadable-bytes',
    reason:
      count === 1
        ? `1 byte on line ${line} is not valid ${encoding} and is shown as �.`
        : `${count} bytes on line ${line} are not valid ${encoding} and are shown as �.`,
  }));
}

/**
 * The byte order of UTF-16 text without a byte-order mark, or undefined. In UTF-16 every ASCII
 * character has a NUL high byte, and words and CRLF line ends put such units side by side; the
 * low byte is hardly ever NUL. Binary data has NULs in both halves or decodes to controls, and a
 * stray NUL in single-byte text has no ASCII unit beside it.
 */
function utf16ByteOrder(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = sample.length >> 1;
  for (const littleEndian of [true, false]) {
    let ascii = 0;
    let asciiPairs = 0;
    let lowNuls = 0;
    let bad = 0;
    let previousAscii = false;
    for (let i = 0; i + 1 < sample.length; i += 2) {
      const [low, high] = littleEndian ? [sample[i]!, sample[i + 1]!] : [sample[i + 1]!, sample[i]!];
      const isAscii = high === 0 && low !== 0;
      if (isAscii) {
        ascii++;
        if (previousAscii) asciiPairs++;
      } else if (low === 0 && high !== 0) lowNuls++;
      if (isUnlikelyInText((high << 8) | low)) bad++;
      previousAscii = isAscii;
    }
    if (
      asciiPairs > 0 &&
      ascii >= units * UTF16_MIN_ASCII_SHARE &&
      lowNuls <= ascii * UTF16_MAX_LOW_NUL_RATIO &&
      bad <= units * UTF16_MAX_BAD_SHARE
    ) {
      return littleEndian ? 'utf-16le' : 'utf-16be';
    }
  }
  return undefined;
}

/** NUL, C0 controls other than tab/LF/FF/CR, C1 controls and the noncharacters U+FFFE/U+FFFF. */
function isUnlikelyInText(unit: number): boolean {
  if (unit < 0x20) return unit !== 0x09 && unit !== 0x0a && unit !== 0x0c && unit !== 0x0d;
  return (unit >= 0x7f && unit <= 0x9f) || unit === 0xfffe || unit === 0xffff;
}

/** UTF-16 -> text; unpaired surrogates and an odd last byte become � and are reported. */
function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): DecodedText {
  const encoding = littleEndian ? 'utf-16le' : 'utf-16be';
  const unreadable: UnreadableByLine = new Map();
  const unitAt = (i: number) => (littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  let line = 1;
  const end = bytes.length & ~1;
  for (let i = 0; i < end; i += 2) {
    const unit = unitAt(i);
    if (unit === 0x0a || (unit === 0x0d && (i + 2 >= end || unitAt(i + 2) !== 0x0a))) line++;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 2 < end ? unitAt(i + 2) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) i += 2;
      else unreadable.set(line, (unreadable.get(line) ?? 0) + 2);
    } else if (unit >= 0xdc00 && unit <= 0xdfff) unreadable.set(line, (unreadable.get(line) ?? 0) + 2);
  }
  if (end < bytes.length) unreadable.set(line, (unreadable.get(line) ?? 0) + 1);
  return {
    text: new TextDecoder(encoding).decode(bytes),
    encoding,
    warnings: unreadableWarnings(unreadable, 'UTF-16'),
  };
}
