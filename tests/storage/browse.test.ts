import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import {
  buildBrowseIndex,
  DEFAULT_BROWSE_QUERY,
  loadBrowseIndex,
  loadCardDetail,
  memoryNow,
  normalizeSearchText,
  parseSearchText,
  searchCards,
  singleCardQueue,
  type BrowseQuery,
} from '../../src/storage/browse.ts';
import { editCard, resetCard, revertCardEdit } from '../../src/storage/cardEdits.ts';
import { cardWithState, recordReview, suspendCard, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { DAY, makeDeck, NOON, openTestDb, QA } from './helpers.ts';

async function answer(db: RehearseDb, cardId: string, rating: Rating.Again | Rating.Good | Rating.Easy, now: number) {
  const { state } = await cardWithState(db, cardId);
  return recordReview(db, { cardId, rating, now, durationMs: 4000, expectedStateVersion: state!.version });
}

async function seeded() {
  const db = await openTestDb();
  const js = makeDeck('js', QA, 'JavaScript');
  const ml = makeDeck('ml', [
    ['What is **self-attention**?', 'Each token attends to every other token; weights from softmax(QKᵀ/√d).'],
    ['What is dropout?', 'Randomly zeroing activations during training, a regularizer.'],
    ['Café question', 'Résumé of naïve answers.'],
  ], 'Machine learning');
  ml.cards[1]!.tags = ['regularization', 'training'];
  await syncDecks(db, [js, ml], NOON);
  return { db, js, ml };
}

const q = (changes: Partial<BrowseQuery>): BrowseQuery => ({ ...DEFAULT_BROWSE_QUERY, ...changes });
const ctx = { now: NOON, dayStartHour: 4, timeZone: 0 };

describe('search text', () => {
  it('normalizes case, accents and markdown punctuation', () => {
    expect(normalizeSearchText('**Self-Attention**')).toBe(' self attention ');
    expect(normalizeSearchText('Café NAÏVE')).toBe('cafe naive');
  });

  it('splits words, phrases and exclusions; longest first', () => {
    expect(parseSearchText('soft "self attention" -dropout')).toEqual({ include: ['self attention', 'soft'], exclude: ['dropout'] });
    expect(parseSearchText('  ')).toEqual({ include: [], exclude: [] });
  });
});

describe('searchCards', () => {
  it('finds a card by a word of its answer, of its question and of its tags', async () => {
    const { db, ml } = await seeded();
    const index = await loadBrowseIndex(db);
    expect(searchCards(index, q({ text: 'softmax' }), ctx).map((e) => e.id)).toEqual([ml.cards[0]!.id]);
    expect(searchCards(index, q({ text: 'SELF attention' }), ctx).map((e) => e.id)).toEqual([ml.cards[0]!.id]);
    expect(searchCards(index, q({ text: 'regularization' }), ctx).map((e) => e.id)).toEqual([ml.cards[1]!.id]);
    expect(searchCards(index, q({ text: 'resume naive' }), ctx).map((e) => e.id)).toEqual([ml.cards[2]!.id]);
    expect(searchCards(index, q({ text: 'what -closure' }), ctx)).toHaveLength(6);
    expect(searchCards(index, q({ text: 'nothing-like-this' }), ctx)).toHaveLength(0);
  });

  it('filters by deck, tag, state and due date, and sorts', async () => {
    const { db, js, ml } = await seeded();
    await answer(db, js.cards[0]!.id, Rating.Good, NOON - 20 * DAY);
    await answer(db, js.cards[0]!.id, Rating.Good, NOON - 19 * DAY); // review, due a few days later: overdue
    await answer(db, js.cards[1]!.id, Rating.Again, NOON); // learning
    await answer(db, js.cards[2]!.id, Rating.Easy, NOON); // review, due in days
    await suspendCard(db, js.cards[3]!.id);
    const index = await loadBrowseIndex(db);
    expect(searchCards(index, q({ deckId: 'ml' }), ctx)).toHaveLength(3);
    expect(searchCards(index, q({ tag: 'training' }), ctx).map((e) => e.id)).toEqual([ml.cards[1]!.id]);
    expect(searchCards(index, q({ state: 'learning' }), ctx).map((e) => e.id)).toEqual([js.cards[1]!.id]);
    expect(searchCards(index, q({ state: 'review' }), ctx).map((e) => e.id).sort()).toEqual([js.cards[0]!.id, js.cards[2]!.id].sort());
    expect(searchCards(index, q({ state: 'suspended' }), ctx).map((e) => e.id)).toEqual([js.cards[3]!.id]);
    expect(searchCards(index, q({ state: 'new' }), ctx)).toHaveLength(5); // a suspended new card is still new
    expect(searchCards(index, q({ due: 'overdue' }), ctx).map((e) => e.id)).toEqual([js.cards[0]!.id]);
    expect(searchCards(index, q({ due: 'today' }), ctx).map((e) => e.id)).toEqual([js.cards[0]!.id, js.cards[1]!.id]);
    const byDue = searchCards(index, q({ sort: 'due' }), ctx).map((e) => e.id);
    expect(byDue.slice(0, 3)).toEqual([js.cards[0]!.id, js.cards[1]!.id, js.cards[2]!.id]);
    expect(searchCards(index, q({ sort: 'due', descending: true }), ctx).map((e) => e.id).reverse()).toEqual(byDue);
    expect(searchCards(index, q({ sort: 'reps' }), ctx)[0]!.id).toBe(js.cards[0]!.id);
  });

  it('keeps cards that left their note out unless asked for', () => {
    const index = buildBrowseIndex(
      [
        { id: 'd/1', deckId: 'd', front: 'kept', back: '', tags: [], kind: 'basic', meta: { line: 1 }, position: 0, hidden: false },
        { id: 'd/2', deckId: 'd', front: 'gone', back: '', tags: [], kind: 'basic', meta: { line: 1 }, position: 1, hidden: true },
      ],
      [],
      [],
    );
    expect(searchCards(index, q({}), ctx).map((e) => e.id)).toEqual(['d/1']);
    expect(searchCards(index, q({ state: 'removed' }), ctx).map((e) => e.id)).toEqual(['d/2']);
  });
});

describe('card edits', () => {
  it('an edit is the user’s own: marked edited, kept through a rebuild of the decks, revertible', async () => {
    const { db, js } = await seeded();
    const id = js.cards[0]!.id;
    await editCard(db, id, { front: 'What is a closure, really?', back: 'My own words.', tags: ['mine', ' fn scope ', 'mine'] });
    let { card } = await cardWithState(db, id);
    expect(card).toMatchObject({ front: 'What is a closure, really?', back: 'My own words.', tags: ['mine', 'fn-scope'], userEdited: true });
    expect(card!.original).toEqual({ front: QA[0]![0], back: QA[0]![1], tags: [] });

    // The note changes and the decks are rebuilt: the user's text stays; the note's new text is the original.
    const rebuilt = makeDeck('js', QA.map(([f, b], i) => [f, i === 0 ? `${b} Updated.` : b]), 'JavaScript');
    await syncDecks(db, [rebuilt], NOON + 1000);
    ({ card } = await cardWithState(db, id));
    expect(card).toMatchObject({ back: 'My own words.', tags: ['mine', 'fn-scope'], userEdited: true });
    expect(card!.original?.back).toBe(`${QA[0]![1]} Updated.`);

    await revertCardEdit(db, id);
    ({ card } = await cardWithState(db, id));
    expect(card).toMatchObject({ front: QA[0]![0], back: `${QA[0]![1]} Updated.`, tags: [] });
    expect(card!.userEdited).toBeUndefined();
    expect(card!.original).toBeUndefined();
  });

  it('saving the note’s own text is not an edit', async () => {
    const { db, js } = await seeded();
    const id = js.cards[1]!.id;
    await editCard(db, id, { front: 'x', back: 'y', tags: [] });
    await editCard(db, id, { front: QA[1]![0], back: QA[1]![1], tags: [] });
    const { card } = await cardWithState(db, id);
    expect(card!.userEdited).toBeUndefined();
  });

  it('reset makes the card new and keeps its history; the card screen reads it all', async () => {
    const { db, js } = await seeded();
    const id = js.cards[0]!.id;
    await answer(db, id, Rating.Good, NOON - 10 * DAY);
    await answer(db, id, Rating.Good, NOON - 9 * DAY);
    const before = await cardWithState(db, id);
    const memory = memoryNow(before.state!.schedule, NOON, (await loadCardDetail(db, id)).settings)!;
    expect(memory.retrievability).toBeGreaterThan(0);
    expect(memory.retrievability).toBeLessThan(1);
    expect(memory.elapsedDays).toBeCloseTo(9);

    await resetCard(db, id, NOON);
    const detail = await loadCardDetail(db, id);
    expect(detail.state!.schedule.state).toBe(State.New);
    expect(detail.state!.version).toBe(before.state!.version + 1);
    expect(detail.state!.newRank).toBe(0);
    expect(detail.state!.dueAt).toBeUndefined();
    expect(detail.reviews).toHaveLength(2);
    expect(memoryNow(detail.state!.schedule, NOON, detail.settings)).toBeNull();
  });

  it('a one-card queue holds the card whatever its due date', async () => {
    const { db, js } = await seeded();
    const id = js.cards[2]!.id;
    await answer(db, id, Rating.Easy, NOON);
    const { queue, cards } = await singleCardQueue(db, id, NOON + 1000);
    expect(queue.main.map((i) => i.cardId)).toEqual([id]);
    expect(Object.keys(cards)).toEqual([id]);
  });
});
