import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../../src/core/deck/deckFromNote.ts';
import { NoteFormatError } from '../../../src/core/errors.ts';
import { decodeNoteBytes, normalizeNewlines } from '../../../src/core/text/decode.ts';
import { errorOf } from '../../support/errorOf.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: Array<number | string>) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'number' ? [part] : [...utf8(part)])));

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}


describe('decodeNoteBytes', () => {
  it('reads UTF-8', () => {
    expect(decodeNoteBytes(utf8('Q: Ça va? 🧠 问'), 'n.md')).toEqual({ text: 'Q: Ça va? 🧠 问', encoding: 'utf-8' });
  });

  it('drops a UTF-8 BOM', () => {
    expect(decodeNoteBytes(bytes(0xef, 0xbb, 0xbf, 'Q: x'), 'n.md')).toEqual({ text: 'Q: x', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with a BOM, NULs and all', () => {
    const text = 'Q: What?\r\nA: ¿Qué? 问';
    expect(decodeNoteBytes(utf16(text, true), 'n.txt')).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeNoteBytes(utf16(text, false), 'n.txt')).toEqual({ text, encoding: 'utf-16be' });
  });

  it('decodes Windows-1252 bytes instead of failing', () => {
    // "Café naïve" saved by an old editor: 0xE9 é, 0xEF ï are not valid UTF-8 here.
    const decoded = decodeNoteBytes(bytes('Caf', 0xe9, ' na', 0xef, 've'), 'old.txt');
    expect(decoded).toEqual({ text: 'Café naïve', encoding: 'windows-1252' });
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
