import { describe, expect, it } from 'vitest';
import { deckFromNote, MAX_NOTE_SIZE, NoteFormatError } from '../../../src/core/index.ts';
import { errorOf } from '../../support/errorOf.ts';


describe('deckFromNote', () => {
  it('makes a versioned deck with ids, tags from sections and the layout that read it', () => {
    const deck = deckFromNote({ fileName: 'My Notes.md', text: '# Python\n\n## What is a list?\n\nA mutable sequence.\n' });
    expect(deck.format).toBe('rehearse-deck');
    expect(deck.id).toBe('my-notes');
    expect(deck.title).toBe('Python');
    expect(deck.cards).toHaveLength(1);
    expect(deck.cards[0]).toMatchObject({ front: 'What is a list?', back: 'A mutable sequence.', tags: ['Python'], kind: 'basic' });
    expect(deck.cards[0]!.id).toMatch(/^my-notes\/[0-9a-z]{13}$/);
    expect(deck.layouts).toEqual(['markdown']);
  });

  it('does not take an export header line for the title', () => {
    const deck = deckFromNote({ fileName: 'anki.txt', text: '#separator:tab\n#html:false\nWhat is a set?\tAn unordered collection.\nWhat is a map?\tKeys to values.\n' });
    expect(deck.title).not.toMatch(/separator/);
  });

  it('keeps an id when only the answer changes', () => {
    const a = deckFromNote({ fileName: 'n.md', text: '## What is a list?\n\nA sequence.\n' });
    const b = deckFromNote({ fileName: 'n.md', text: '## What is a list?\n\nA mutable sequence of items.\n' });
    expect(b.cards[0]!.id).toBe(a.cards[0]!.id);
  });

  it('blanks front matter but keeps line numbers', () => {
    const deck = deckFromNote({ fileName: 'n.md', text: '---\ntags: [x]\ntitle: T\n---\n## What is a set?\n\nUnordered.\n' });
    expect(deck.cards[0]!.meta.line).toBe(5);
    expect(deck.cards[0]!.back).not.toContain('tags');
  });

  it('refuses an empty or blank note, and one with no questions, in one sentence', () => {
    expect((errorOf(() => deckFromNote({ fileName: 'e.md', text: ' \n\n' })) as NoteFormatError).code).toBe('empty');
    const none = errorOf(() => deckFromNote({ fileName: 'plain.txt', text: 'Just a shopping list.\nMilk, eggs.\n' }));
    expect(none).toBeInstanceOf(NoteFormatError);
    expect((none as NoteFormatError).code).toBe('no-cards');
    expect((none as Error).message).toMatch(/^No questions found in plain\.txt: expected .*Q:/);
    expect((none as Error).message.split('\n')).toHaveLength(1);
  });

  it('refuses a note over 20 MB before reading it', () => {
    const bytes = new Uint8Array(MAX_NOTE_SIZE + 1).fill(0x41);
    const error = errorOf(() => deckFromNote({ fileName: 'huge.md', bytes }));
    expect((error as NoteFormatError).code).toBe('too-large');
    expect((error as Error).message).toContain('over 20 MB');
  });
});

describe('titleFromNote', () => {
  it('takes the first # heading, else the file name for a note of lower headings, else the first line', async () => {
    const { titleFromNote } = await import('../../../src/core/index.ts');
    expect(titleFromNote('intro\n# Python notes\n## What is a list?\n', 'x.md')).toBe('Python notes');
    expect(titleFromNote('## A few words first\n\n### Q: What is X?\n', 'ml-prep_notes.md')).toBe('ml prep notes');
    expect(titleFromNote('\n\nGenerative AI\n\n1. What is attention?\n', 'genai.txt')).toBe('Generative AI');
    expect(titleFromNote('#separator:tab\nfront\tback\n', 'anki.txt')).toBe('anki');
    // A note that opens with its first card takes its file's name, not the card's words.
    expect(titleFromNote('What is the CAP theorem?\n---\nAt most two of three.\n\nShort answer line.\n', 'system-design.md')).toBe('system design');
    expect(titleFromNote('- What is a B-tree? #card\n\t- A balanced tree.\n', 'logseq_db.md')).toBe('logseq db');
    expect(titleFromNote('1. What is a heap?\nA tree with the heap property.\n', 'heaps.txt')).toBe('heaps');
  });
});
