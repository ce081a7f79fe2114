// Windows-1252, the encoding old Windows editors saved notes in, decoded by hand: Node 20.18+
// decodes the label 'windows-1252' as Latin-1 (nodejs/node#56542), turning “ ” – € into C1 controls.

/** cp1252 bytes 0x80..0x9F that are printable characters, in byte order (0 = undefined byte). */
export const CP1252_HIGH: readonly number[] = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/** Bytes -> text; the five undefined bytes become the C1 controls of the same value, as browsers do. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      codes.push(byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] || byte : byte);
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}
