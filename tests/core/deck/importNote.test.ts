import { describe, expect, it } from 'vitest';
import { checkNoteFile, importDeckId, importNote, nonTextKind } from '../../../src/core/deck/importNote.ts';
import { NoteFormatError } from '../../../src/core/errors.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);

describe('checkNoteFile', () => {
  it('refuses a file over 20 MB from its size alone', () => {
    const error = checkNoteFile({ name: 'huge.md', type: 'text/markdown', size: 25 * 1024 * 1024 });
    expect(error?.code).toBe('too-large');
    expect(error?.message).toBe('huge.md is 25.0 MB; notes over 20 MB are not read.');
  });

  it('refuses images and PDFs by their first bytes, whatever their name or type says', () => {
    expect(checkNoteFile({ name: 'x.png', type: 'image/png', size: 100 }, PNG)?.message).toBe('x.png is an image, not a text note.');
    expect(checkNoteFile({ name: 'notes.md', type: 'text/markdown', size: 100 }, PNG)?.code).toBe('binary');
    expect(checkNoteFile({ name: 'a.txt', type: '', size: 100 }, new TextEncoder().encode('%PDF-1.7\n'))?.message).toMatch(
      /^a\.txt is a PDF, not a text note\. Copy its text/,
    );
    expect(nonTextKind({ type: '' }, bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('an image');
    expect(nonTextKind({ type: '' }, bytes(0x50, 0x4b, 0x03, 0x04))).toMatch(/ZIP/);
  });

  it('refuses images by MIME type when the bytes say nothing; lets SVG and text through', () => {
    expect(checkNoteFile({ name: 'p.heic', type: 'image/heic', size: 10 }, bytes(1, 2, 3))?.code).toBe('binary');
    expect(checkNoteFile({ name: 'a.svg', type: 'image/svg+xml', size: 10 }, new TextEncoder().encode('<svg>'))).toBeUndefined();
    expect(checkNoteFile({ name: 'a.md', type: 'text/markdown', size: 10 }, new TextEncoder().encode('# Q: Why?'))).toBeUndefined();
  });

  it('an empty file is empty', () => {
    expect(checkNoteFile({ name: 'e.md', type: '', size: 0 })?.message).toBe('e.md is empty.');
  });
});

describe('importNote', () => {
  it('gives an imported deck an id of its own, card ids from it, and names the layout', () => {
    const { deck, layout } = importNote({ fileName: 'ML Notes.md', text: '## What is LoRA?\nLow-rank adapters.\n' });
    expect(deck.id).toBe('import-ml-notes');
    expect(importDeckId('ML Notes.md')).toBe('import-ml-notes');
    expect(deck.cards[0]!.id).toMatch(/^import-ml-notes\//);
    expect(layout).toMatchObject({ name: 'markdown', label: expect.stringMatching(/markdown headings/) });
  });

  it('throws NoteFormatError for a note with no questions, naming every layout', () => {
    let error: unknown;
    try {
      importNote({ fileName: 'prose.txt', text: 'Just a shopping list.\nMilk.\n' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoteFormatError);
    expect((error as NoteFormatError).code).toBe('no-cards');
  });
});
