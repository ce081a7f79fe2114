// The corpus: notes written the way people keep them, each with a hand count of the cards a
// person would expect (tests/fixtures/notes/corpus/corpus.json). The expectations are the
// person's, not the converter's: when a note fails, the converter is what has to change.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../../src/core/deck/deckFromNote.ts';
import { NoteFormatError } from '../../../src/core/errors.ts';
import { errorOf } from '../../support/errorOf.ts';

/** One note of the corpus and what a careful reader expects from it. */
interface CorpusEntry {
  file: string;
  language: string;
  shape: string;
  /** The number of cards; 0 means the note must be refused with `no-cards`. */
  cards: number;
  /** Fronts that must be among the cards, exactly. */
  fronts: string[];
  /** How the back of the card with that front must start. */
  backs: { front: string; starts: string }[];
}

const corpusDir = fileURLToPath(new URL('../../fixtures/notes/corpus/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${corpusDir}corpus.json`, 'utf8')) as CorpusEntry[];
/** The entries with their expectation in words, for the test names. */
const cases = manifest.map((entry) => ({ ...entry, expected: entry.cards === 0 ? 'no cards' : `${entry.cards} cards` }));

describe('the note corpus', () => {
  it('has at least 30 notes in at least 6 languages', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(30);
    expect(new Set(manifest.map((entry) => entry.language)).size).toBeGreaterThanOrEqual(6);
  });

  it('lists every note in the folder once, and only notes that are there', () => {
    const notes = readdirSync(corpusDir).filter((name) => name !== 'corpus.json').sort();
    expect(manifest.map((entry) => entry.file).sort()).toEqual(notes);
  });

  it.each(cases)('$file ($language, $shape) gives $expected', (entry) => {
    const input = { fileName: entry.file, bytes: new Uint8Array(readFileSync(`${corpusDir}${entry.file}`)) };
    if (entry.cards === 0) {
      const error = errorOf(() => deckFromNote(input));
      expect(error, 'a note with no questions is refused').toBeInstanceOf(NoteFormatError);
      expect((error as NoteFormatError).code).toBe('no-cards');
      return;
    }
    const { cards } = deckFromNote(input);
    const fronts = cards.map((card) => card.front);
    expect(fronts).toHaveLength(entry.cards);
    for (const front of entry.fronts) expect(fronts).toContain(front);
    for (const { front, starts } of entry.backs) {
      const card = cards.find((candidate) => candidate.front === front);
      expect(card, `a card whose front is ${JSON.stringify(front)}`).toBeDefined();
      expect(card?.back.slice(0, starts.length)).toBe(starts);
    }
  });
});
