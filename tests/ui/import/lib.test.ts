import { describe, expect, it } from 'vitest';
import { changeSummary, groupWarnings, progressNote, formatBytes } from '../../../src/ui/import/lib.ts';
import { textFromShareParams } from '../../../src/ui/import/shared.ts';
import type { DeckSyncPreview } from '../../../src/storage/previewDeckSync.ts';

describe('groupWarnings', () => {
  it('says "3 question headings have no answer" once, with the lines on demand', () => {
    const groups = groupWarnings(
      [
        { line: 4, ruleId: 'no-answer', reason: '“What is X?” has no answer under it, so no card was made.' },
        { line: 9, ruleId: 'no-answer', reason: '“What is Y?” has no answer under it, so no card was made.' },
        { line: 20, ruleId: 'no-answer', reason: '“Why Z?” has no answer under it, so no card was made.' },
      ],
      'markdown',
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 3, lines: [4, 9, 20], text: '3 question headings have no answer, so they are not cards.' });
  });

  it('says how many transcript turns were skipped as noise', () => {
    const [group] = groupWarnings([{ line: 3, ruleId: 'skipped-noise', reason: '2 turns were skipped as tool noise.' }], 'transcript');
    expect(group!.text).toBe('This file looks like a transcript; 2 turns were skipped as noise.');
  });

  it('says how many answers a horizontal rule cut short', () => {
    const rule = (line: number) => ({ line, ruleId: 'text-after-rule', reason: 'The text after the horizontal rule under “Q” is in no card.' });
    expect(groupWarnings([rule(5)], 'markdown')[0]!.text).toBe('1 answer ends at a horizontal rule; the text after it is in no card.');
    expect(groupWarnings([rule(5), rule(9)], 'markdown')[0]!.text).toBe('2 answers end at a horizontal rule; the text after them is in no card.');
  });

  it('keeps an unknown rule in the converter’s own words', () => {
    const [group] = groupWarnings([{ line: 1, ruleId: 'odd', reason: 'Something odd.' }], 'markdown');
    expect(group!.text).toBe('Something odd.');
  });
});

describe('change summary', () => {
  const base: DeckSyncPreview = { exists: true, existingTitle: 'X', total: 20, added: 12, updated: 3, removed: 1, removedWithHistory: 1, restored: 0, unchanged: 5, takeovers: [], noteChangedUnderEdit: [] };
  it('reads "12 new, 3 updated, 1 removed"', () => {
    expect(changeSummary(base)).toBe('12 new, 3 updated, 1 removed');
    expect(changeSummary({ ...base, added: 0, updated: 0, removed: 0 })).toBe('No changes');
    expect(progressNote(base)).toBe('8 cards keep their progress. Removed cards are hidden; the history of 1 card is kept.');
  });
  it('formats sizes', () => {
    expect(formatBytes(25 * 1024 * 1024)).toBe('25.0 MB');
    expect(formatBytes(2048)).toBe('2 KB');
  });
});

describe('textFromShareParams', () => {
  it('makes a shared title, text and link one note', () => {
    expect(textFromShareParams(new URLSearchParams('title=Go&text=Q%3A%20What%20is%20a%20goroutine%3F%0AA%3A%20A%20green%20thread.&url=https%3A%2F%2Fgo.dev'))).toEqual({
      name: 'Go',
      text: 'Q: What is a goroutine?\nA: A green thread.\n\nhttps://go.dev',
    });
    expect(textFromShareParams(new URLSearchParams('shared=1'))).toBeUndefined();
  });
});
