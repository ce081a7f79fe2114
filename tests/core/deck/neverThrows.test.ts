// Property: reading a note never throws anything but NoteFormatError, whatever the text: random
// strings, random Unicode, random bytes, and mangled versions of the real notes in decks/. A parser
// that crashes is caught by the cutter and becomes a `<format>-failed` warning: that fails too.
// Also the inline-card reader on its own (it must never throw, and its cards must make sense).
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deckFromNote } from '../../../src/core/deck/deckFromNote.ts';
import { NoteFormatError } from '../../../src/core/errors.ts';
import { inlineCardsFromMarkdown } from '../../../src/core/formats/inlineCards.ts';
import { numberedFormat } from '../../../src/core/formats/numbered.ts';
import { noteFormats } from '../../../src/core/formats/registry.ts';

const decksDir = new URL('../../../decks/', import.meta.url);
const realNotes = readdirSync(decksDir)
  .filter((name) => /\.(md|txt)$/.test(name))
  .map((name) => ({ name, text: readFileSync(new URL(name, decksDir), 'utf8') }));

/** Text that starts some construct, to insert anywhere: headings, math, fences, card labels. */
const INSERTS = ['#', '## ', '$$', '$', '```', '~~~', 'Q: ', 'A: ', 'Q1- ', '::', ':::', '?', '>>', '>>>', ';;',
  '==', '{{c1::', '<details><summary>', '</details>', '| Question | Answer |\n|---|---|', '- ', '> ', '\t', '\r\n',
  '\uFEFF', '---\ntitle: x\n---', '<!--SR:!2024-01-01,1,250-->', 'Ã©', 'ðŸ§', '\u0000'];

/** A real note, cut down and mangled: a slice, then lines shuffled/duplicated/deleted, then inserts. */
const mangledNote = fc
  .record({
    note: fc.constantFrom(...realNotes),
    start: fc.nat(),
    length: fc.integer({ min: 0, max: 6000 }),
    edits: fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
        fc.record({ op: fc.constant('duplicate' as const), a: fc.nat(), b: fc.nat() }),
        fc.record({ op: fc.constant('delete' as const), a: fc.nat(), b: fc.nat() }),
        fc.record({ op: fc.constant('insert' as const), a: fc.nat(), b: fc.nat(), text: fc.constantFrom(...INSERTS) }),
      ),
      { maxLength: 25 },
    ),
  })
  .map(({ note, start, length, edits }) => {
    const from = start % Math.max(1, note.text.length);
    const lines = note.text.slice(from, from + length).split('\n');
    for (const edit of edits) {
      if (lines.length === 0) lines.push('');
      const a = edit.a % lines.length;
      const b = edit.b % lines.length;
      if (edit.op === 'swap') [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      else if (edit.op === 'duplicate') lines.splice(b, 0, lines[a]!);
      else if (edit.op === 'delete') lines.splice(a, 1);
      else {
        const line = lines[a]!;
        const at = b % (line.length + 1);
        lines[a] = line.slice(0, at) + edit.text + line.slice(at);
      }
    }
    return { fileName: note.name, text: lines.join('\n') };
  });

/** Lines built from card-ish pieces, so the parsers' branches are actually reached. */
const cardishText = fc
  .array(fc.array(fc.oneof(fc.constantFrom(...INSERTS, ' ', 'x', 'What?', '`a::b`', 'std::vector', '\n', '\n\n')), { maxLength: 12 }), {
    maxLength: 40,
  })
  .map((lines) => lines.map((parts) => parts.join('')).join('\n'));

const failed = (warnings: ReadonlyArray<{ ruleId: string }>) => warnings.filter((warning) => warning.ruleId.endsWith('-failed'));

/**
 * The note reads or is refused with a NoteFormatError, and no reader crashed on the way: the
 * cutter catches a reader that throws and goes on with the next one (and a reader catches its own
 * crash as a `-failed` warning), so every reader is also run on the text directly.
 */
function readsOrRefuses(input: { fileName: string; text?: string; bytes?: Uint8Array }): void {
  if (input.text !== undefined) {
    for (const format of noteFormats) {
      expect(failed(format.parse(input.text).warnings), format.name).toEqual([]);
      format.detect(input.text);
    }
  }
  try {
    const deck = deckFromNote(input);
    expect(failed(deck.warnings)).toEqual([]);
    expect(deck.cards.length).toBeGreaterThan(0);
    for (const card of deck.cards) expect(card.front.trim()).not.toBe('');
  } catch (error) {
    if (!(error instanceof NoteFormatError)) throw error;
  }
}

const fileName = fc.constantFrom('note.md', 'notes.txt', 'x', 'Interview Q&A.MD');

describe('deckFromNote never throws anything but NoteFormatError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('and a reader that crashes (the cutter catches it and goes on) fails the check', () => {
    const note = { fileName: 'notes.txt', text: '1. What is a heap?\nA tree with the heap property.\n2. What is a trie?\nA prefix tree.\n' };
    expect(() => readsOrRefuses(note)).not.toThrow();
    vi.spyOn(numberedFormat, 'parse').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(() => readsOrRefuses(note)).toThrow(/Maximum call stack/);
  });

  it('and a reader that catches its own crash as a -failed warning fails the check', () => {
    const note = { fileName: 'notes.txt', text: '1. What is a heap?\nA tree with the heap property.\n2. What is a trie?\nA prefix tree.\n' };
    vi.spyOn(numberedFormat, 'parse').mockReturnValue({
      cards: [{ front: 'What is a heap?', back: 'A tree.', line: 1 }],
      warnings: [{ line: 1, ruleId: 'numbered-failed', reason: 'The numbered reader failed: RangeError' }],
    });
    expect(() => readsOrRefuses(note)).toThrow(/^numbered: /);
  });

  it('on random strings', () => {
    fc.assert(fc.property(fileName, fc.string({ maxLength: 400 }), (name, text) => readsOrRefuses({ fileName: name, text })), {
      numRuns: 150,
    });
  });

  it('on random Unicode', () => {
    fc.assert(
      fc.property(fileName, fc.string({ unit: 'binary', maxLength: 400 }), (name, text) => readsOrRefuses({ fileName: name, text })),
      { numRuns: 150 },
    );
  });

  it('on random bytes', () => {
    fc.assert(
      fc.property(fileName, fc.uint8Array({ maxLength: 400 }), (name, bytes) => readsOrRefuses({ fileName: name, bytes })),
      { numRuns: 150 },
    );
  });

  it('on card-ish text', () => {
    fc.assert(fc.property(fileName, cardishText, (name, text) => readsOrRefuses({ fileName: name, text })), { numRuns: 120 });
  });

  it('on mangled real notes', { timeout: 30_000 }, () => {
    expect(realNotes.length).toBeGreaterThan(0);
    fc.assert(fc.property(mangledNote, (input) => readsOrRefuses(input)), { numRuns: 120 });
  });
});

describe('inlineCardsFromMarkdown never throws and keeps its cards sensible', () => {
  const sensible = (text: string, firstLine: number) => {
    const { cards, warnings } = inlineCardsFromMarkdown(text, firstLine, ['S']);
    const lastLine = firstLine + text.split(/\r\n?|\n/).length - 1;
    for (const card of cards) {
      expect(card.front.trim()).not.toBe('');
      expect(card.back.trim()).not.toBe('');
      expect(card.line).toBeGreaterThanOrEqual(firstLine);
      expect(card.line).toBeLessThanOrEqual(lastLine);
      expect(card.section).toEqual(['S']);
    }
    for (const warning of warnings) expect(warning.ruleId).not.toBe('inline-cards-failed');
  };

  it('on card-ish text', () => {
    fc.assert(fc.property(cardishText, fc.integer({ min: 1, max: 5000 }), sensible), { numRuns: 200 });
  });

  it('on random Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sensible(text, 1)), { numRuns: 150 });
  });

  it('on mangled real notes', { timeout: 30_000 }, () => {
    fc.assert(fc.property(mangledNote, ({ text }) => sensible(text, 1)), { numRuns: 80 });
  });
});
