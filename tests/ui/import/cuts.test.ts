// The import preview's pure parts beside the screen: "Cut cards at" labels and notices, ticks,
// warnings that point at cards, the card list's windowing, the deck id before the worker runs.
import { describe, expect, it } from 'vitest';
import { importDeckId } from '../../../src/core/deck/importNote.ts';
import type { Card, NoteWarning } from '../../../src/core/deck/types.ts';
import {
  cardsOfWarnings,
  cutChoiceLabel,
  cutNotice,
  deckIdForImport,
  deckToImport,
  groupWarnings,
  importedSummary,
  layoutWords,
  linesSummary,
  listHeight,
  plainLine,
  rowAt,
  rowTop,
  selectedCut,
  setTicked,
  tickedCount,
  tickedSentence,
  visibleRows,
  type RowLayout,
} from '../../../src/ui/import/lib.ts';
import { makeDeck, QA } from '../../storage/helpers.ts';

const card = (id: string, line: number): Pick<Card, 'id' | 'meta'> => ({ id, meta: { line } });
const warn = (line: number, ruleId: string): NoteWarning => ({ line, ruleId, reason: `${ruleId} at ${line}` });

describe('the deck id before reading', () => {
  it('is the converter’s own import deck id', () => {
    for (const name of ['ml-interview-prep-notes.md', 'My Notes (2).txt', 'System design.txt', 'Über Größe.md', 'dir/notes.MD', '日本語.txt']) {
      expect(deckIdForImport(name)).toBe(importDeckId(name));
    }
  });
});

describe('Cut cards at', () => {
  const cut = {
    chosen: 'auto',
    choices: [
      { id: 'auto', label: 'Auto (Level-3 headings)', cards: 42 },
      { id: 'heading:3', label: 'Level-3 headings', cards: 42 },
      { id: 'bold', label: 'Bold lines', cards: 1 },
    ],
  };
  it('labels each choice with its card count', () => {
    expect(cut.choices.map(cutChoiceLabel)).toEqual(['Auto (Level-3 headings) — 42 cards', 'Level-3 headings — 42 cards', 'Bold lines — 1 card']);
    expect(cutChoiceLabel({ id: 'auto', label: 'Auto (nothing found)', cards: 0 })).toBe('Auto (nothing found) — no cards');
    expect(cutChoiceLabel({ id: 'heading:3', label: 'Level-3 headings', cards: 10000 })).toBe('Level-3 headings — 10,000 cards');
  });
  it('says what the cards were cut at', () => {
    const withAuto = { ...cut, autoLabel: 'Level-3 headings' };
    expect(layoutWords(42, withAuto, 'markdown headings that ask')).toBe('Level-3 headings');
    expect(layoutWords(1, { ...withAuto, chosen: 'bold' }, 'markdown headings that ask')).toBe('Bold lines');
    expect(layoutWords(0, withAuto, '')).toBe('None found');
    expect(layoutWords(3, { ...withAuto, autoLabel: '' }, 'a speaker transcript')).toBe('A speaker transcript');
  });
  it('shows the chosen cut, or auto when the chosen one is not offered', () => {
    expect(selectedCut({ ...cut, chosen: 'bold' })).toBe('bold');
    expect(selectedCut({ ...cut, chosen: 'separator:;' })).toBe('auto');
  });
  it('says when auto found nothing, how many other ways find cards; when a remembered cut fell back', () => {
    const nothing = { chosen: 'auto', choices: [{ id: 'auto', label: 'Auto (nothing found)', cards: 0 }, { id: 'bold', label: 'Bold lines', cards: 3 }, { id: 'labels', label: 'Q:/A: labels', cards: 2 }] };
    expect(cutNotice(0, nothing, false)).toEqual({ kind: 'auto-found-nothing', others: 2 });
    expect(cutNotice(0, { ...nothing, chosen: 'bold' }, false)).toEqual({ kind: 'cut-finds-nothing' });
    expect(cutNotice(42, cut, true)).toEqual({ kind: 'fell-back' });
    expect(cutNotice(42, cut, false)).toBeUndefined();
  });
});

describe('ticks', () => {
  const deck = makeDeck('import-js', QA);
  const ids = deck.cards.map((c) => c.id);
  it('imports only the ticked cards, and keeps unticked ids of other cuts', () => {
    let excluded = setTicked(new Set(['other-cut/x']), [ids[1]!, ids[3]!], false);
    expect(deckToImport(deck, excluded).cards.map((c) => c.id)).toEqual([ids[0], ids[2], ids[4]]);
    expect(tickedCount(deck.cards, excluded)).toBe(3);
    excluded = setTicked(excluded, ids, true);
    expect([...excluded]).toEqual(['other-cut/x']);
    expect(deckToImport(deck, excluded).cards).toHaveLength(5);
    expect(deckToImport(deck, new Set())).toBe(deck);
  });
  it('says how many will be imported', () => {
    expect(tickedSentence(38, 42)).toBe('38 of 42 cards will be imported.');
    expect(tickedSentence(42, 42)).toBe('All 42 cards will be imported.');
    expect(tickedSentence(0, 42)).toBe('No card is ticked: tick the cards to import.');
    expect(tickedSentence(1, 1)).toBe('The card will be imported.');
  });
  it('after an import, sums up as the preview did', () => {
    const report = { added: 2, updated: 4, edited: 1, hidden: 1, restored: 0, carriedOver: [{ from: 'a', to: 'b' }], takeovers: [{ from: 'a', to: 'b', fromFront: 'A?', toFront: 'B?', reason: 'edited-question' as const }], noteChangedUnderEdit: [], hiddenIds: ['c'] };
    expect(importedSummary(report, true, 10)).toBe('2 new, 2 updated, 1 removed');
    expect(importedSummary(report, false, 1)).toBe('1 card');
    expect(importedSummary({ ...report, added: 0, edited: 0, hidden: 0, carriedOver: [], takeovers: [] }, true, 10)).toBe('No changes');
    // A card carried over unchanged (moved, a repeat re-keyed) is not an update.
    expect(importedSummary({ ...report, added: 0, edited: 0, hidden: 0, takeovers: [] }, true, 10)).toBe('No changes');
  });
  it('shows a card side as one line of plain text', () => {
    expect(plainLine('**Bold** and `code` in [a link](https://x.y)\n\n- item')).toBe('Bold and `code` in a link - item');
    expect(plainLine('word '.repeat(100), 20)).toBe('word word word word…');
  });
});

describe('warnings that point at cards', () => {
  const cards = [card('a', 3), card('b', 10), card('c', 20), card('c2', 20)];
  it('a warning on a card’s line points at it; one inside its answer too, unless it is about text that is not a card', () => {
    const targets = cardsOfWarnings(
      [warn(10, 'long-back'), warn(14, 'image-only-back'), warn(14, 'no-answer'), warn(1, 'long-back'), warn(25, 'text-after-rule'), warn(20, 'repeated-front'), warn(12, 'duplicate-card')],
      cards,
    );
    expect(targets).toEqual([1, 1, undefined, undefined, 2, 2, undefined]);
  });
  it('finds the card by line whatever the deck order', () => {
    expect(cardsOfWarnings([warn(4, 'long-back')], [card('late', 30), card('early', 2)])).toEqual([1]);
    expect(cardsOfWarnings([warn(4, 'long-back')], [])).toEqual([undefined]);
  });
  it('groups carry each warning’s card beside its line', () => {
    const groups = groupWarnings([warn(14, 'image-only-back'), warn(2, 'image-only-back'), warn(5, 'no-answer')], 'markdown', cards);
    const images = groups.find((g) => g.ruleId === 'image-only-back')!;
    expect(images).toMatchObject({ count: 2, lines: [14, 2], cards: [1, undefined], text: '2 cards have only an image for their answer; check that the images show.' });
  });
  it('says every new kind of warning in plain words with its count', () => {
    const rules = ['placeholder-answer', 'image-only-back', 'embed-not-included', 'repeated-front', 'duplicate-card', 'long-back', 'unanswered-prompt', 'unreadable-bytes', 'closing-turn', 'link-list'];
    for (const ruleId of rules) {
      const [one] = groupWarnings([warn(1, ruleId)], 'markdown');
      const [three] = groupWarnings([warn(1, ruleId), warn(2, ruleId), warn(3, ruleId)], 'markdown');
      // Counted sentences (closing turns, bytes) count 1 per warning whose sentence has no number.
      expect(one!.text, ruleId).toMatch(/^1 \S/);
      expect(three!.text, ruleId).toMatch(/^3 \S/);
      // Not the converter's own sentence: a sentence of the preview's.
      expect(one!.text).not.toContain(`${ruleId} at`);
      expect(three!.text).not.toContain('more like it');
    }
    expect(groupWarnings([warn(1, 'placeholder-answer'), warn(4, 'placeholder-answer')], 'markdown')[0]!.text).toBe(
      '2 answers are only placeholders (like “TODO”, “Answer here” or “...”), so they are not cards.',
    );
    expect(groupWarnings([warn(1, 'long-back')], 'markdown')[0]!.text).toBe('1 answer is over 3,000 characters long; another question may be hiding inside it.');
    expect(groupWarnings([{ line: 9, ruleId: 'link-list', reason: '6 links after the answer to “X” are a reading list…' }], 'markdown')[0]!.text).toBe(
      '1 answer is followed by a reading list (6 links in all); the links are in no card.',
    );
    // Warnings whose sentence counts: turns and bytes are added up.
    expect(groupWarnings([{ line: 81, ruleId: 'closing-turn', reason: "13 turns inviting the candidate's own questions were not made cards: …" }], 'transcript')[0]!.text).toBe(
      '13 closing turns (“Any questions for me?”) are not cards: the replies are questions for the interviewer, not answers.',
    );
    const bytes = groupWarnings(
      [
        { line: 3, ruleId: 'unreadable-bytes', reason: '1 byte on line 3 is not valid UTF-8 and is shown as �.' },
        { line: 9, ruleId: 'unreadable-bytes', reason: '4 bytes on line 9 are not valid UTF-8 and are shown as �.' },
      ],
      'markdown',
    );
    expect(bytes[0]!.text).toBe('5 bytes on 2 lines are not valid text and are shown as �.');
  });
  it('lists the lines', () => {
    expect(linesSummary([12])).toBe('Line 12');
    expect(linesSummary([4, 9, 20])).toBe('Lines 4, 9 and 20');
    expect(linesSummary([1, 2, 3, 4, 5, 6, 7, 8])).toBe('Lines 1, 2, 3, 4, 5 and 3 more');
  });
});

describe('card list windowing', () => {
  const closed: RowLayout = { count: 10_000, rowHeight: 64, openIndex: -1, openHeight: 64 };
  const open: RowLayout = { count: 10_000, rowHeight: 64, openIndex: 10, openHeight: 300 };
  it('places closed rows at fixed steps and the rows after the open one lower', () => {
    expect(rowTop(closed, 0)).toBe(0);
    expect(rowTop(closed, 500)).toBe(32_000);
    expect(listHeight(closed)).toBe(640_000);
    expect(rowTop(open, 10)).toBe(640);
    expect(rowTop(open, 11)).toBe(940);
    expect(listHeight(open)).toBe(640_000 + 236);
    expect(listHeight({ ...closed, count: 0 })).toBe(0);
    expect(listHeight({ count: 3, rowHeight: 64, openIndex: 2, openHeight: 200 })).toBe(328);
  });
  it('finds the row at a height, the open one included', () => {
    expect(rowAt(closed, 0)).toBe(0);
    expect(rowAt(closed, 63.9)).toBe(0);
    expect(rowAt(closed, 64)).toBe(1);
    expect(rowAt(open, 700)).toBe(10);
    expect(rowAt(open, 939)).toBe(10);
    expect(rowAt(open, 940)).toBe(11);
    expect(rowAt(closed, 1e9)).toBe(9_999);
    expect(rowAt(closed, -5)).toBe(0);
  });
  it('renders only the rows in view, with overscan', () => {
    expect(visibleRows(closed, 0, 480, 8)).toEqual({ start: 0, end: 16 });
    expect(visibleRows(closed, 64 * 5000, 480, 8)).toEqual({ start: 4992, end: 5016 });
    expect(visibleRows(closed, 64 * 9999, 480, 8)).toEqual({ start: 9991, end: 10_000 });
    expect(visibleRows(open, 640, 480, 0)).toEqual({ start: 10, end: 14 });
    expect(visibleRows({ ...closed, count: 0 }, 0, 480, 8)).toEqual({ start: 0, end: 0 });
  });
});
