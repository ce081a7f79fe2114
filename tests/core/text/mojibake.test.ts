import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../../src/core/text/mojibake.ts';

/** What a cp1252 decoder that drops undefined bytes makes of UTF-8 text. */
function readAsCp1252(text: string): string {
  const specials: Record<number, number> = {
    0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
    0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
    0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
    0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
  };
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    if (byte < 0x80 || byte >= 0xa0) out += String.fromCharCode(byte);
    else if (specials[byte] !== undefined) out += String.fromCharCode(specials[byte]);
    // 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252, lost.
  }
  return out;
}

describe('repairMojibake', () => {
  it('repairs common punctuation and emoji', () => {
    expect(repairMojibake('thereâ€™s no guide â€” and â€“ then')).toBe('there’s no guide — and – then');
    expect(repairMojibake('ðŸ§\u00a0 Core')).toBe('🧠 Core');
    // An editor turned the no-break space (byte A0) into a plain one.
    expect(repairMojibake('ðŸ§  Core')).toBe('🧠 Core');
    expect(repairMojibake('â†’ done âœ…')).toBe('→ done ✅');
  });

  it('round-trips text through a lossy cp1252 reading', () => {
    const original = 'She said “go deeper here” — then 🔍 search, 👍 and 🌍 ❌ token₁ 🛠️ 1️⃣ café naïve 日本語 Привет';
    const garbled = readAsCp1252(original);
    expect(garbled).not.toBe(original);
    expect(repairMojibake(garbled)).toBe(original);
  });

  it('restores each byte cp1252 drops, from context', () => {
    expect(repairMojibake('â€œquotedâ€ text')).toBe('“quoted” text');
    expect(repairMojibake('end.â€\nnext')).toBe('end.”\nnext');
    expect(repairMojibake('ðŸ›\u00a0ï¸ tools')).toBe('🛠\ufe0f tools');
    expect(repairMojibake('âŒ Cons')).toBe('❌ Cons');
    expect(repairMojibake('tokenâ‚ â†’ tokenâ‚‚')).toBe('token₁ → token₂');
    expect(repairMojibake('ðŸ” Feature, ðŸ‘ / ðŸ‘Ž, ðŸŒ E.')).toBe('🔍 Feature, 👍 / 👎, 🌍 E.');
  });

  it('reads a joiner between emoji rather than a closing quote', () => {
    expect(repairMojibake(readAsCp1252('👨‍💻 dev'))).toBe('👨‍💻 dev');
  });

  it('leaves correct text untouched', () => {
    const correct = [
      'Le café est déjà prêt à côté — “très” bien… naïve Noël',
      'Straße „Fuß“ größer',
      'São Paulo, irmã”, ação',
      '机器学习是什么？ 你好吗',
      'Ça coûte 5 € ™ • © ° ±',
      'château â alone',
    ].join('\n');
    expect(repairMojibake(correct)).toBe(correct);
  });

  it('repairs Latin-1 sequences and leaves mixed correct text alone', () => {
    expect(repairMojibake('rÃ©sumÃ© vs résumé')).toBe('résumé vs résumé');
    expect(repairMojibake('100Â°C')).toBe('100°C');
  });

  it('leaves the � that marks unreadable bytes where it is, beside mojibake it repairs', () => {
    expect(repairMojibake('About 9 \uFFFD per GB â€” \uFFFDcheap\uFFFD, Whatâ€™s')).toBe('About 9 \uFFFD per GB — \uFFFDcheap\uFFFD, What’s');
  });

  it('drops a byte-order mark read as cp1252 at the start only', () => {
    expect(repairMojibake('ï»¿# Title')).toBe('# Title');
  });

  it('returns the same string when there is nothing to repair', () => {
    const plain = 'plain ascii\nwith lines';
    expect(repairMojibake(plain)).toBe(plain);
    expect(repairMojibake('')).toBe('');
  });

  // Speed is measured by `npm run bench:convert`, not asserted here (no time thresholds in tests).
  it('repairs every line of a large input the same way as one line', () => {
    const chunk = 'Hereâ€™s a line with ðŸ§  emoji and â€œquotesâ€ â€” ok.\n';
    const large = chunk.repeat(40_000);
    expect(repairMojibake(large)).toBe(repairMojibake(chunk).repeat(40_000));
    expect(repairMojibake(large).includes('â')).toBe(false);
  });
});
