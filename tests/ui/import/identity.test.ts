// The re-import preview's words for card identity: takeovers the user may refuse, notes changed under an edit.
import { describe, expect, it } from 'vitest';
import type { DeckSyncPreview } from '../../../src/storage/index.ts';
import { noteChangedSentence, refusedTakeovers, takeoverKey, takeoverSentence, withRefusals } from '../../../src/ui/import/lib.ts';
import { ListStore } from '../../../src/ui/import/previewStore.ts';

const takeover = (from: string, to: string, reviews: number) => ({
  from,
  to,
  fromFront: `${from}?`,
  toFront: `${to}?`,
  reason: 'edited-question' as const,
  reviews,
});

const preview: DeckSyncPreview = {
  exists: true,
  existingTitle: 'X',
  total: 10,
  added: 1,
  updated: 3,
  removed: 0,
  removedWithHistory: 0,
  restored: 0,
  unchanged: 6,
  takeovers: [takeover('a', 'b', 4), takeover('c', 'd', 0)],
  noteChangedUnderEdit: [],
};

describe('takeovers in the preview', () => {
  it('says which question keeps which progress, in plain words', () => {
    expect(takeoverSentence({ fromFront: 'What is the time complexity of **quicksort** ?', toFront: 'What is the time complexity of quicksort?', reviews: 3 })).toBe(
      '“What is the time complexity of quicksort?” keeps the progress of “What is the time complexity of quicksort ?” (3 reviews)',
    );
    expect(takeoverSentence({ fromFront: 'Same?', toFront: 'Same?', reviews: 0 })).toBe('“Same?” keeps its progress');
    expect(noteChangedSentence({ front: 'My question', noteFront: 'The note’s question' })).toMatch(/^“My question”: you edited this card and the note changed it/);
  });

  it('a refused takeover counts as one new card and one removed card with its history', () => {
    const refused = new Set([takeoverKey(preview.takeovers[0]!)]);
    expect(withRefusals(preview, refused)).toMatchObject({ added: 2, updated: 2, removed: 1, removedWithHistory: 1, unchanged: 6 });
    expect(withRefusals(preview, new Set())).toBe(preview);
    // A key of a takeover no longer offered (the note was cut again) is ignored.
    expect(refusedTakeovers(preview, new Set([...refused, 'gone\u0000away']))).toEqual([{ from: 'a', to: 'b' }]);
  });
});

describe('ListStore (previews kept while the screen is away)', () => {
  it('keeps its items without subscribers and tells subscribers of changes', () => {
    const store = new ListStore<number>();
    store.update((list) => [...list, store.key()]);
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.update((list) => [...list, store.key()]);
    store.update((list) => list); // no change: nobody told
    stop();
    store.update((list) => [...list, 9]);
    expect(store.get()).toEqual([1, 2, 9]);
    expect(calls).toBe(1);
  });
});
