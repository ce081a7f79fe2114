import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deckFromNote, prepareNoteText } from '../../../src/core/deck/deckFromNote.ts';
import { NoteFormatError } from '../../../src/core/errors.ts';
import { decodeNoteBytes, normalizeNewlines } from '../../../src/core/text/decode.ts';
import { errorOf } from '../../support/errorOf.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: Array<number | string>) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'number' ? [part] : [...utf8(part)])));

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const units = bom ? `\uFEFF${text}` : text;
  const out = new Uint8Array(units.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return out;
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/bytes/${name}`, import.meta.url)));
const binaryMessage = (name: string) => `${name} is a binary file (it contains NUL bytes), not a text note.`;

describe('decodeNoteBytes', () => {
  it('reads UTF-8', () => {
    expect(decodeNoteBytes(utf8('Q: Ça va? 🧠 问'), 'n.md')).toEqual({ text: 'Q: Ça va? 🧠 问', encoding: 'utf-8', warnings: [] });
  });

  it('drops a UTF-8 BOM', () => {
    expect(decodeNoteBytes(bytes(0xef, 0xbb, 0xbf, 'Q: x'), 'n.md')).toEqual({ text: 'Q: x', encoding: 'utf-8', warnings: [] });
  });

  it('reads UTF-16 LE and BE with a BOM, NULs and all', () => {
    const text = 'Q: What?\r\nA: ¿Qué? 问';
    expect(decodeNoteBytes(utf16(text, true), 'n.txt')).toEqual({ text, encoding: 'utf-16le', warnings: [] });
    expect(decodeNoteBytes(utf16(text, false), 'n.txt')).toEqual({ text, encoding: 'utf-16be', warnings: [] });
  });

  it('decodes Windows-1252 bytes instead of failing', () => {
    // "Café naïve" saved by an old editor: 0xE9 é, 0xEF ï are not valid UTF-8 here.
    const decoded = decodeNoteBytes(bytes('Caf', 0xe9, ' na', 0xef, 've'), 'old.txt');
    expect(decoded).toEqual({ text: 'Café naïve', encoding: 'windows-1252', warnings: [] });
  });

  // Node >= 20.18.3 decodes the label 'windows-1252' as Latin-1 (nodejs/node#56542), so the
  // decoder is our own: cp1252's 0x80..0x9F must come out as curly quotes, dashes and €.
  it('decodes cp1252 curly quotes, dashes and the euro sign', () => {
    const decoded = decodeNoteBytes(bytes(0x93, 'Caf', 0xe9, 0x94, ' ', 0x96, ' 5', 0x80), 'old.txt');
    expect(decoded.text).toBe('“Café” – 5€');
  });

  it('refuses NUL bytes as binary', () => {
    const error = errorOf(() => decodeNoteBytes(bytes('PK', 0x03, 0x04, 0x00, 0x00, 'rest'), 'deck.zip'));
    expect(error).toBeInstanceOf(NoteFormatError);
    expect((error as NoteFormatError).code).toBe('binary');
  });

  it('refuses mostly-control bytes as binary', () => {
    const error = errorOf(() => decodeNoteBytes(bytes(1, 2, 3, 4, 5, 6, 7, 'ab'), 'x.bin'));
    expect((error as NoteFormatError).code).toBe('binary');
  });

  it('keeps tabs, form feeds and line ends as text', () => {
    expect(decodeNoteBytes(bytes('a\tb\fc\r\nd'), 'n.txt').text).toBe('a\tb\fc\r\nd');
  });

  it('refuses an empty file', () => {
    const error = errorOf(() => decodeNoteBytes(new Uint8Array(), 'empty.md'));
    expect(error).toBeInstanceOf(NoteFormatError);
    expect((error as NoteFormatError).code).toBe('empty');
  });
});

describe('UTF-16 without a byte-order mark', () => {
  const note = [
    '# Redes — repaso',
    '',
    '## ¿Qué garantiza TCP que UDP no?',
    'Entrega ordenada y fiable: retransmite lo perdido y descarta duplicados.',
    '',
    '## What is a three-way handshake?',
    'SYN → SYN-ACK → ACK; only then does data flow.',
    '',
    '## 什么是 DNS？',
    '域名系统：把域名解析成 IP 地址。',
    '',
  ].join('\n');

  it('reads a UTF-16LE note saved without a BOM (utf16le-no-bom.md, CRLF)', () => {
    const decoded = decodeNoteBytes(fixture('utf16le-no-bom.md'), 'utf16le-no-bom.md');
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.warnings).toEqual([]);
    expect(normalizeNewlines(decoded.text)).toBe(note);
  });

  it('reads the same note byte-swapped as UTF-16BE', () => {
    const le = fixture('utf16le-no-bom.md');
    const be = le.map((_, i) => le[i ^ 1]!);
    const decoded = decodeNoteBytes(be, 'n.md');
    expect(decoded.encoding).toBe('utf-16be');
    expect(normalizeNewlines(decoded.text)).toBe(note);
  });

  it('makes a deck of it like any other note', () => {
    const deck = deckFromNote({ fileName: 'utf16le-no-bom.md', bytes: fixture('utf16le-no-bom.md') });
    expect(deck.cards.map((card) => [card.meta.line, card.front])).toEqual([
      [3, '¿Qué garantiza TCP que UDP no?'],
      [6, 'What is a three-way handshake?'],
      [9, '什么是 DNS？'],
    ]);
  });

  it('reads short notes and CJK text whose only ASCII is punctuation and line ends', () => {
    expect(decodeNoteBytes(utf16('Q: x\nA: y', true, false), 'n.txt')).toEqual({ text: 'Q: x\nA: y', encoding: 'utf-16le', warnings: [] });
    // 一 (U+4E00) and the ideographic space (U+3000) have a NUL low byte, in real text.
    const cjk = '问题 1：一个进程和线程有什么区别？\r\n答：进程有独立的地址空间；线程共享它。\r\n問\u3000TCPとは？\r\n';
    expect(decodeNoteBytes(utf16(cjk, false, false), 'n.txt')).toEqual({ text: cjk, encoding: 'utf-16be', warnings: [] });
  });

  it('shows an unpaired surrogate and an odd last byte as � with a warning on their line', () => {
    const broken = utf16('Q: emoji?\nA: \uD83E here', true, false);
    expect(decodeNoteBytes(broken, 'n.txt')).toEqual({
      text: 'Q: emoji?\nA: \uFFFD here',
      encoding: 'utf-16le',
      warnings: [{ line: 2, ruleId: 'unreadable-bytes', reason: '2 bytes on line 2 are not valid UTF-16 and are shown as �.' }],
    });
    const odd = Uint8Array.from([...utf16('Q: x\r\nA: y', true, false), 0x7a]);
    expect(decodeNoteBytes(odd, 'n.txt').warnings).toEqual([
      { line: 2, ruleId: 'unreadable-bytes', reason: '1 byte on line 2 is not valid UTF-16 and is shown as �.' },
    ]);
  });

  it.each([
    ['a gzipped note', 'note.md.gz'],
    // Quiet 16-bit samples put a NUL in every high byte, like UTF-16 text, but decode to controls.
    ['a 16-bit WAV recording', 'quiet.wav'],
  ])('still refuses %s as binary, with the same sentence', (_what, name) => {
    const error = errorOf(() => decodeNoteBytes(fixture(name), name));
    expect(error).toBeInstanceOf(NoteFormatError);
    expect((error as NoteFormatError).code).toBe('binary');
    expect((error as NoteFormatError).message).toBe(binaryMessage(name));
  });

  it('does not take a stray NUL in a UTF-8 note for UTF-16', () => {
    for (const input of [bytes('Q: x', 0, 'A: y'), bytes('Q: What is x?\nA: y', 0, '\n'), bytes(0, 'Q: x\n')]) {
      expect((errorOf(() => decodeNoteBytes(input, 'n.md')) as NoteFormatError).message).toBe(binaryMessage('n.md'));
    }
  });
});

describe('UTF-8 with bytes that are not UTF-8', () => {
  it('shows cut-short bytes as � instead of inventing a character (e2 82 + space was "₁")', () => {
    const note = bytes('## Cost?\nAbout 5 ', 0xe2, 0x82, ' a month.\n');
    const decoded = decodeNoteBytes(note, 'n.md');
    expect(decoded.encoding).toBe('utf-8');
    expect(prepareNoteText(decoded.text)).toBe('## Cost?\nAbout 5 \uFFFD a month.\n');
    expect(decoded.warnings).toEqual([
      { line: 2, ruleId: 'unreadable-bytes', reason: '2 bytes on line 2 are not valid UTF-8 and are shown as �.' },
    ]);
  });

  it('keeps stray bytes visible, one warning per line, and still repairs real mojibake (utf8-stray-bytes.md)', () => {
    const decoded = decodeNoteBytes(fixture('utf8-stray-bytes.md'), 'utf8-stray-bytes.md');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.warnings).toEqual([
      { line: 4, ruleId: 'unreadable-bytes', reason: '4 bytes on line 4 are not valid UTF-8 and are shown as �.' },
      { line: 11, ruleId: 'unreadable-bytes', reason: '1 byte on line 11 is not valid UTF-8 and is shown as �.' },
    ]);
    expect(prepareNoteText(decoded.text)).toBe(
      [
        '# Pricing notes',
        '',
        '## What does “egress” cost?',
        'About 9 \uFFFD per 100 GB; the old wiki said \uFFFDcheap\uFFFD.',
        '',
        '## What’s a NAT gateway?',
        'It lets private subnets reach the internet — outbound only.',
        // Mojibake (valid UTF-8 of cp1252 characters) is still repaired, a lost byte included.
        'The old export wrote token₁ for the first token and token₂ for the second.',
        '',
        '## Who pays for cross-AZ traffic?',
        'Both sides, each way \uFFFD per GB.',
        '',
      ].join('\n'),
    );
  });

  it('counts lines as the note will have them: CRLF and a lone CR are one line end each', () => {
    const decoded = decodeNoteBytes(bytes('é —\r\nb\rc ', 0xff, 0xfe, ' d — ok\n', 0x80), 'n.txt');
    expect(decoded.text).toBe('é —\r\nb\rc \uFFFD\uFFFD d — ok\n\uFFFD');
    expect(decoded.warnings.map((w) => [w.line, w.reason])).toEqual([
      [3, '2 bytes on line 3 are not valid UTF-8 and are shown as �.'],
      [4, '1 byte on line 4 is not valid UTF-8 and is shown as �.'],
    ]);
  });

  it('still reads a note of lone accented bytes as Windows-1252, even with a pair that happens to be UTF-8', () => {
    // cp1252 French: "é\u00a0»" is E9 A0 BB, well-formed UTF-8 by chance; every other é is alone.
    const french = bytes('Q: Comment dit-on ', 0xab, 0xa0, 'caf', 0xe9, 0xa0, 0xbb, ' ?\nR: On dit ', 0xab, 0xa0, 'th', 0xe9, 0xa0, 0xbb, ', d', 0xe9, 'j', 0xe0, ' pr', 0xea, 't.\n');
    expect(decodeNoteBytes(french, 'old.txt')).toEqual({
      text: 'Q: Comment dit-on «\u00a0café\u00a0» ?\nR: On dit «\u00a0thé\u00a0», déjà prêt.\n',
      encoding: 'windows-1252',
      warnings: [],
    });
  });

  it('reports every inserted invalid byte, and nothing for text that was valid', () => {
    const nonAscii = fc.constantFrom('é', '—', '🧠', '问', '’');
    const piece = fc.oneof(fc.constantFrom('a', ' ', '\n', 'Q: ', '.'), nonAscii);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 3 }), (pieces, cuts) => {
        const text = pieces.join('');
        expect(decodeNoteBytes(utf8(`x${text}`), 'n.md')).toEqual({ text: `x${text}`, encoding: 'utf-8', warnings: [] });
        // As many well-formed sequences as stray bytes keeps the UTF-8 reading.
        const padding = '—'.repeat(cuts.length);
        const parts = [...pieces, padding];
        for (const cut of cuts) parts.splice(cut % (parts.length + 1), 0, '\u00ff');
        const input = Uint8Array.from(parts.flatMap((part) => (part === '\u00ff' ? [0xff] : [...utf8(part)])));
        const decoded = decodeNoteBytes(Uint8Array.from([0x78, ...input]), 'n.md');
        expect(decoded.encoding).toBe('utf-8');
        const reported = decoded.warnings.reduce((sum, w) => sum + Number(/^(\d+) byte/.exec(w.reason)![1]), 0);
        expect(reported).toBe(cuts.length);
        expect([...decoded.text].filter((c) => c === '\uFFFD')).toHaveLength(cuts.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('normalizeNewlines', () => {
  it('turns CRLF and lone CR into LF and drops a leading BOM, keeping the line count', () => {
    expect(normalizeNewlines('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(normalizeNewlines('a\uFEFFb')).toBe('a\uFEFFb');
  });
});

describe('deckFromNote on bytes that are not a note', () => {
  it.each([
    ['empty', new Uint8Array(), 'empty'],
    ['only whitespace', bytes(' \r\n\t\n'), 'empty'],
    ['only a BOM', bytes(0xef, 0xbb, 0xbf), 'empty'],
    ['NUL bytes', bytes('Q: x', 0, 'A: y'), 'binary'],
  ] as const)('%s', (_name, input, code) => {
    const error = errorOf(() => deckFromNote({ fileName: 'n.md', bytes: input }));
    expect(error).toBeInstanceOf(NoteFormatError);
    expect((error as NoteFormatError).code).toBe(code);
  });
});
