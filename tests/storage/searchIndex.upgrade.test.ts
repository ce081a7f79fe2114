// Version 5: a database written by version 3 (no summaries, no search index) opens with its search
// index built from the cards it holds, and the index then follows writes. The v3 schema is
// copied here, not imported, so later edits to db.ts cannot hide a broken upgrade.
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/core/scheduling/index.ts';
import { DEFAULT_BROWSE_QUERY, firstListingPage, loadBrowseIndex, loadBrowseOutline, searchCards } from '../../src/storage/browse.ts';
import { editCard } from '../../src/storage/cardEdits.ts';
import { openRehearseDb } from '../../src/storage/index.ts';
import { searchUpgradeReport } from '../../src/storage/search/schema.ts';
import { freshFactory, NOON } from './helpers.ts';

const SCHEMA_V3 = {
  decks: 'id',
  cards: 'id, deckId',
  cardStates: 'cardId, deckId, dueAt, [deckId+dueAt], [deckId+newRank], learnDue, [deckId+learnDue], reviewDue, [deckId+reviewDue], buried',
  reviews: 'id, cardId, deckId, reviewedAt',
  reviewVoids: 'id',
  syncOutbox: '++seq',
  registerStamps: 'id, pending',
  settings: 'key',
};

const sched = (state: number, due: number, reps: number) => ({
  due, stability: reps ? 8.3 : 0, difficulty: reps ? 3.2 : 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps, lapses: 0, state, lastReview: reps ? NOON - 1000 : null,
});

const card = (deckId: string, i: number, front: string, extra: object = {}) => ({
  id: `${deckId}/${i}`, deckId, front, back: `Answer ${i}`, tags: i % 2 ? ['odd'] : [], kind: 'basic', meta: { line: i }, position: i, hidden: false, ...extra,
});

describe('version 5 (search index)', () => {
  it('builds the index from the cards of a version-3 database, across shards, and keeps it current after', async () => {
    const factory = freshFactory();
    const v3 = new Dexie('v3-cards', factory as never);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    await v3.table('decks').bulkAdd([
      { id: 'b', title: 'B', source: 'b.md', layouts: ['markdown'], order: 1, cardCount: 1200, hidden: false, syncedAt: NOON },
      { id: 'a', title: 'A', source: 'a.md', layouts: ['markdown'], order: 0, cardCount: 3, hidden: false, syncedAt: NOON },
    ]);
    const many = Array.from({ length: 1200 }, (_, i) => card('b', i, i === 1100 ? 'What is **Self-Attention**?' : `Question ${i}`));
    await v3.table('cards').bulkAdd([...many, card('a', 0, 'Café'), card('a', 1, 'Gone', { hidden: true }), card('a', 2, 'Kept')]);
    const due = NOON + 86_400_000;
    await v3.table('cardStates').add({ cardId: 'a/2', deckId: 'a', schedule: sched(State.Review, due, 3), version: 3, position: 2, suspended: true, buriedUntil: 0, hidden: false });
    v3.close();

    const db = await openRehearseDb('v3-cards', { ...factory, timeZone: 0 });
    expect(searchUpgradeReport(db)).toMatchObject({ cards: 1203, shards: 4 }); // b: 0–511, 512–1023, 1024–1199; a: one
    const outline = await loadBrowseOutline(db);
    expect(outline.live).toBe(1202);
    expect(outline.liveByDeck).toEqual({ a: 2, b: 1200 });
    expect(outline.tags).toEqual(['odd']);
    const index = await loadBrowseIndex(db);
    const ctx = { now: NOON, dayStartHour: 4, timeZone: 0 };
    const find = (text: string, extra = {}) => searchCards(index, { ...DEFAULT_BROWSE_QUERY, text, ...extra }, ctx).map((e) => e.id);
    expect(find('self attention')).toEqual(['b/1100']);
    expect(find('cafe')).toEqual(['a/0']);
    expect(find('', { state: 'suspended' })).toEqual(['a/2']);
    expect(find('', { state: 'removed' })).toEqual(['a/1']);
    expect(index.entries.find((e) => e.id === 'a/2')).toMatchObject({ due, reps: 3, suspended: true });
    // Deck order first (a before b), then position.
    expect(searchCards(index, DEFAULT_BROWSE_QUERY, ctx).slice(0, 3).map((e) => e.id)).toEqual(['a/0', 'a/2', 'b/0']);

    // The plain listing's first page, from the first shards alone: the same cards as the full search.
    const plain = searchCards(index, DEFAULT_BROWSE_QUERY, ctx).map((e) => e.id);
    expect((await firstListingPage(db, outline, 'all', 50)).map((e) => e.id)).toEqual(plain.slice(0, 50));
    expect((await firstListingPage(db, outline, 'b', 600)).map((e) => e.id)).toEqual(plain.filter((id) => id.startsWith('b/')).slice(0, 600));

    await editCard(db, 'b/5', { front: 'Zebracorn question', back: '', tags: [] });
    expect(searchCards(await loadBrowseIndex(db), { ...DEFAULT_BROWSE_QUERY, text: 'zebracorn' }, ctx).map((e) => e.id)).toEqual(['b/5']);
    db.close();
  });
});
