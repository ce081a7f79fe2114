// Export then import: a deck written as markdown reads back into the same cards.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../../src/core/deck/deckFromNote.ts';
import { deckToMarkdown, exportFileName, type ExportCard } from '../../../src/core/deck/deckToMarkdown.ts';
import type { Deck } from '../../../src/core/deck/types.ts';

const shape = (cards: readonly ExportCard[]) => cards.map(({ front, back, kind, tags }) => ({ front, back, kind, tags }));

function roundTrip(deck: Pick<Deck, 'title' | 'cards'>): Deck {
  return deckFromNote({ fileName: 'exported.md', text: deckToMarkdown(deck) });
}

function notesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return notesIn(path);
    return /\.(md|txt)$/.test(entry.name) ? [path] : [];
  });
}

/** Notes that make cards (a narrative note of the corpus has nothing to export). */
function hasCards(path: string): boolean {
  try {
    return deckFromNote({ fileName: path, bytes: readFileSync(path) }).cards.length > 0;
  } catch {
    return false;
  }
}

// Anki text exports (tests/fixtures/notes/anki) are read by their own format, in progress beside this one.
const notes = [...notesIn('decks'), ...notesIn('tests/fixtures/notes').filter((path) => !path.includes('/anki/'))].filter(hasCards);

/** Warnings about what a card says (a long answer, an image not included): the export keeps the card as it is, so they come back. */
const CONTENT_RULES = new Set(['long-back', 'image-only-back', 'embed-not-included', 'repeated-front']);

describe('deckToMarkdown round trip', () => {
  it.each(notes)('%s reads back into the same cards', (path) => {
    const deck = deckFromNote({ fileName: path, bytes: readFileSync(path) });
    const again = roundTrip(deck);
    expect(shape(again.cards)).toEqual(shape(deck.cards));
    expect(again.warnings.filter((warning) => !CONTENT_RULES.has(warning.ruleId))).toEqual([]);
  });

  it('keeps the deck title, and never lets a question-like title become a card', () => {
    const deck = deckFromNote({ fileName: 'n.md', text: '## Q: What is LoRA?\nLow-rank adapters.\n' });
    expect(roundTrip({ ...deck, title: 'ML interview prep notes' }).title).toBe('ML interview prep notes');
    const asked = roundTrip({ ...deck, title: 'What did I learn?' });
    expect(asked.cards).toHaveLength(1);
    expect(asked.warnings).toEqual([]);
    expect(asked.title).toBe('Deck: What did I learn');
  });

  it('keeps awkward fronts and backs', () => {
    const cards: ExportCard[] = [
      { front: 'What does `#include` do in C#', back: 'Pastes a file in.', kind: 'basic', tags: ['C and C#'] },
      { front: 'Explain self-attention', back: 'Each token weighs every other token.', kind: 'basic', tags: ['ML', 'Transformers'] },
      { front: 'What does this print?\n```python\nprint("a  b")\n```', back: '`a  b`', kind: 'basic', tags: ['ML', 'Transformers'] },
      { front: 'The ==mitochondria== is the powerhouse of the ==cell==.', back: 'The ==mitochondria== is the powerhouse of the ==cell==.', kind: 'cloze', tags: ['ML'] },
      { front: 'Why do we need it?', back: 'Why not?\n\nBecause it is cheap.', kind: 'basic', tags: ['ML'] },
      { front: 'Back to no section', back: 'A back with\n\n#### a deeper heading\n\nand text.', kind: 'basic', tags: [] },
      { front: '"Quoted" front, then more', back: 'Kept.', kind: 'basic', tags: [] },
      { front: 'Last one with C #', back: 'Done.', kind: 'basic', tags: [] },
    ];
    const again = roundTrip({ title: 'Awkward deck', cards: cards as Deck['cards'] });
    expect(shape(again.cards)).toEqual(shape(cards));
  });

  it('escapes headings in the answer of a question written between rules', () => {
    const cards: ExportCard[] = [{ front: 'Two\nlines?', back: 'Text.\n## Part two\nMore.', kind: 'basic', tags: [] }];
    const again = roundTrip({ title: 'Lines', cards: cards as Deck['cards'] });
    expect(shape(again.cards)).toEqual([{ ...cards[0], back: 'Text.\n\\## Part two\nMore.' }]);
  });

  it('demotes a heading inside an answer that would end it, and keeps its words', () => {
    const cards: ExportCard[] = [
      { front: 'What is in the script?', back: 'Two parts.\n# compute attention\nscores = q @ k.T\n---\nEnd.', kind: 'basic', tags: [] },
    ];
    const markdown = deckToMarkdown({ title: 'Code', cards });
    expect(markdown).toContain('## compute attention');
    const again = roundTrip({ title: 'Code', cards: cards as Deck['cards'] });
    expect(again.cards).toHaveLength(1);
    expect(again.cards[0]!.back).toBe('Two parts.\n## compute attention\nscores = q @ k.T\n<hr>\nEnd.');
  });

  it('names the file after the deck, without the import prefix', () => {
    expect(exportFileName('import-ml-notes')).toBe('ml-notes.md');
    expect(exportFileName('ml-interview-prep-notes')).toBe('ml-interview-prep-notes.md');
  });
});
