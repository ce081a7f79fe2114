// Repairs UTF-8 that was read as Windows-1252 (or Latin-1): `â€™` -> `’`, `ðŸ§ ` -> `🧠`.
// Runs of suspicious characters are turned back into the bytes they came from and decoded as
// UTF-8 again, sequence by sequence, so text that is already correct is left as it is.

import { CP1252_HIGH } from './cp1252.ts';

/** Highest code point cp1252 maps a byte to (`™`, U+2122); sizes the reverse table. */
const TABLE_SIZE = 0x2123;

/** Character code -> the byte cp1252 (or Latin-1) would have decoded it from; -1 for none. */
const BYTE_OF_CHAR: Int16Array = buildReverseTable();

function buildReverseTable(): Int16Array {
  const table = new Int16Array(TABLE_SIZE).fill(-1);
  // C1 controls: what Latin-1, and WHATWG windows-1252 for its undefined bytes, decode 0x80..0x9F to.
  for (let byte = 0x80; byte <= 0xff; byte++) table[byte] = byte;
  CP1252_HIGH.forEach((code, offset) => {
    if (code !== 0) table[code] = 0x80 + offset;
  });
  return table;
}

/**
 * The bytes cp1252 leaves undefined. A decoder that drops them loses them for good, so a repair
 * has to put one back where a sequence comes up one byte short.
 */
const UNDEFINED_BYTES = [0x9d, 0x8d, 0x8f, 0x81, 0x90] as const;

/** Characters a lost byte most often belonged to in real notes; a guess lands on these first. */
const LIKELY_LOST = new Set([
  0x201d, // ” (E2 80 9D)
  0xfe0f, // emoji presentation selector (EF B8 8F)
  0x274c, // ❌ (E2 9D 8C)
  0x2757, // ❗ (E2 9D 97)
  0x2753, // ❓ (E2 9D 93)
  0x2764, // ❤ (E2 9D A4)
  0x270d, // ✍ (E2 9C 8D)
  0x2081, // ₁ (E2 82 81)
  0x1f50d, // 🔍
  0x1f44d, // 👍
  0x1f30d, // 🌍
  0x1f40d, // 🐍
  0x1f3c6, // 🏆
  0x1f4dd, // 📝
  0x1f9e0, // 🧠 (F0 9F A7 A0: its no-break space often became a plain space)
  0x1f6e0, // 🛠
  0x1f3e0, // 🏠
]);

/** Only characters that people put in notes are accepted as the owner of a lost byte. */
function isPlausibleSymbol(code: number): boolean {
  return (
    (code >= 0x2000 && code <= 0x23ff) || // punctuation, sub/superscripts, arrows, math, technical
    (code >= 0x2500 && code <= 0x27bf) || // box drawing, shapes, symbols, dingbats
    (code >= 0x2b00 && code <= 0x2bff) ||
    code === 0xfe0f ||
    (code >= 0x1f000 && code <= 0x1faff)
  );
}

/** Two-byte sequences accepted: Latin, IPA, Greek, Cyrillic, Hebrew, Arabic. Others (NKo after `ß“`) are real text. */
function isPlausibleTwoByteLead(lead: number): boolean {
  return (lead >= 0xc2 && lead <= 0xd3) || (lead >= 0xd7 && lead <= 0xdb);
}

/** Byte that `text[index]` stands for in cp1252, or -1. */
function byteAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0x80 && code < TABLE_SIZE ? BYTE_OF_CHAR[code]! : -1;
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The code point of a complete UTF-8 sequence, or -1 when it is overlong, a surrogate or out of range. */
function decodeSequence(bytes: readonly number[]): number {
  const lead = bytes[0]!;
  const second = bytes[1]!;
  if (bytes.length === 2) return ((lead & 0x1f) << 6) | (second & 0x3f);
  if (lead === 0xe0 && second < 0xa0) return -1;
  if (lead === 0xed && second > 0x9f) return -1;
  if (lead === 0xf0 && second < 0x90) return -1;
  if (lead === 0xf4 && second > 0x8f) return -1;
  if (bytes.length === 3) return ((lead & 0x0f) << 12) | ((second & 0x3f) << 6) | (bytes[2]! & 0x3f);
  return ((lead & 0x07) << 18) | ((second & 0x3f) << 12) | ((bytes[2]! & 0x3f) << 6) | (bytes[3]! & 0x3f);
}

/** A repaired sequence: its code point and how many characters of the text it replaces. */
interface Repair {
  code: number;
  end: number;
}

/**
 * A sequence one byte short of `length` that ends at `end`: the code point it most likely was,
 * with one undefined byte put back, or with a following plain space read as the no-break space
 * (byte A0) an editor turned it into. Null when no likely character fits.
 */
function restoreLostByte(text: string, present: readonly number[], length: number, end: number): Repair | null {
  if (present.length !== length - 1 || present.length < 2) return null;
  let best: Repair | null = null;
  let bestRank = 0;
  // Later slots first: a byte lost at the end of a sequence is the common case.
  for (let slot = length - 1; slot >= 1; slot--) {
    for (const lost of UNDEFINED_BYTES) {
      const code = decodeSequence([...present.slice(0, slot), lost, ...present.slice(slot)]);
      if (code < 0 || !isPlausibleSymbol(code)) continue;
      const rank = LIKELY_LOST.has(code) ? 2 : 1;
      if (rank > bestRank) {
        best = { code, end };
        bestRank = rank;
      }
    }
  }
  if (bestRank < 2 && text.charCodeAt(end) === 0x20) {
    const code = decodeSequence([...present, 0xa0]);
    if (LIKELY_LOST.has(code)) best = { code, end: end + 1 };
  }
  // `E2 80 ?` between emoji is the zero-width joiner of a sequence such as 👨‍💻, not a quote.
  if (best?.code === 0x201d && byteAt(text, end) === 0xf0) best.code = 0x200d;
  return best;
}

/** Where suspicious runs can start: characters standing for a UTF-8 lead byte (Â..ô). */
const LEAD_CHAR = /[\u00c2-\u00f4]/g;

/**
 * Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1. Only sequences that decode to
 * valid multi-byte UTF-8 are changed; bytes cp1252 drops (0x81, 0x8D, 0x8F, 0x90, 0x9D) are put
 * back from context. Linear in the length of the text.
 */
export function repairMojibake(text: string): string {
  const pieces: string[] = [];
  let copiedUpTo = 0;
  LEAD_CHAR.lastIndex = 0;
  for (let match = LEAD_CHAR.exec(text); match !== null; match = LEAD_CHAR.exec(text)) {
    const start = match.index;
    const lead = text.charCodeAt(start);
    const length = sequenceLength(lead);
    const present = [lead];
    let end = start + 1;
    while (present.length < length && end < text.length) {
      const byte = byteAt(text, end);
      if (!isContinuation(byte)) break;
      present.push(byte);
      end++;
    }
    let repair: Repair | null = null;
    if (present.length === length) {
      const code = decodeSequence(present);
      // C1 controls are never what the writer meant.
      if (code > 0x9f && (length > 2 || isPlausibleTwoByteLead(lead))) repair = { code, end };
    } else if (length >= 3) {
      repair = restoreLostByte(text, present, length, end);
    }
    if (!repair) continue;
    pieces.push(text.slice(copiedUpTo, start));
    // A byte-order mark read as cp1252 (`ï»¿`) at the very start is not text.
    if (!(repair.code === 0xfeff && start === 0)) pieces.push(String.fromCodePoint(repair.code));
    copiedUpTo = repair.end;
    LEAD_CHAR.lastIndex = repair.end;
  }
  if (copiedUpTo === 0) return text;
  pieces.push(text.slice(copiedUpTo));
  return pieces.join('');
}
