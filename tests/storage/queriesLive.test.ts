// The deck list hears every write that changes it, also one made through another connection to
// the same database (another tab), without being asked to re-read.
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import { openRehearseDb, recordReview, syncDecks, watchDeckList, type DeckListData } from '../../src/storage/index.ts';
import { freshFactory, makeDeck, NOON, QA } from './helpers.ts';

/** The first data, from now on, that passes `test` (waits for it, up to vitest's default 1 s). */
async function waitFor(list: DeckListData[], test: (d: DeckListData) => boolean): Promise<DeckListData> {
  return vi.waitFor(() => {
    const hit = list.findLast(test);
    if (!hit) throw new Error('the deck list has not shown the change');
    return hit;
  });
}

describe('watchDeckList', () => {
  it('updates on a grade and an import made by another tab', async () => {
    const factory = freshFactory();
    // liveQuery runs only where Dexie sees an IndexedDB (a browser); the connections below use
    // their own fake factory either way.
    Dexie.dependencies.indexedDB ??= factory.indexedDB as IDBFactory;
    const here = await openRehearseDb('shared', { ...factory, timeZone: 0 });
    const otherTab = await openRehearseDb('shared', { ...factory, timeZone: 0 });
    await syncDecks(here, [makeDeck('js', QA)], NOON);
    const seen: DeckListData[] = [];
    const errors: unknown[] = [];
    const stop = watchDeckList(here, (d) => seen.push(d), (e) => errors.push(e), () => NOON + 1000);
    const first = await waitFor(seen, (d) => d.decks.length === 1);
    expect(first.byDeck.js).toEqual({ new: 5, learning: 0, due: 0 });

    const card = (await otherTab.cards.toArray()).find((c) => c.position === 0)!;
    await recordReview(otherTab, { cardId: card.id, rating: Rating.Again, now: NOON + 500, durationMs: 1000, expectedStateVersion: 0 });
    const graded = await waitFor(seen, (d) => d.byDeck.js?.learning === 1);
    expect(graded.byDeck.js).toEqual({ new: 4, learning: 1, due: 0 });

    await syncDecks(otherTab, [makeDeck('mine', [['Imported?', 'Yes.']])], NOON, { origin: 'imported' });
    const imported = await waitFor(seen, (d) => d.decks.some((x) => x.id === 'mine'));
    expect(imported.total.new).toBe(5);
    stop();
    expect(errors).toEqual([]);
    here.close();
    otherTab.close();
  });
});
