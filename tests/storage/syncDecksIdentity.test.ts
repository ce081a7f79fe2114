// Card identity through deck sync, end to end on fake-indexeddb: a takeover only where a person
// would agree the question is the same, repeats keep their own history, an edit made in the app
// survives a changed question, and the preview lists every takeover so the user can refuse it.
import { describe, expect, it } from 'vitest';
import { deckOf } from '../core/deck/syncFixtures.ts';
import { assignCardIds } from '../../src/core/deck/cardId.ts';
import type { Deck } from '../../src/core/deck/types.ts';
import { Rating, type Grade } from '../../src/core/scheduling/index.ts';
import { editCard, revertCardEdit } from '../../src/storage/cardEdits.ts';
import { cardWithState, previewDeckSync, recordReview, reviewLogFor, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { NOON, openTestDb } from './helpers.ts';

/** A deck as the converter makes it: ids from the questions and, for repeats, the answers. */
const deck = deckOf;

async function review(db: RehearseDb, cardId: string, rating: Grade = Rating.Easy, now = NOON) {
  const { state } = await cardWithState(db, cardId);
  return recordReview(db, { cardId, rating, now, durationMs: 3000, expectedStateVersion: state!.version });
}

const FILLER: Array<[string, string]> = [
  ['What is a closure?', 'A function together with the variables it captured from its scope.'],
  ['What is memoization?', 'Caching the results of a function by its arguments.'],
  ['What is a race condition?', 'An outcome that depends on the timing of concurrent operations.'],
];

/** Syncs `before`, reviews card `index`, syncs `after`; returns what became of the reviewed card. */
async function replaceOne(before: [string, string], after: [string, string]) {
  const db = await openTestDb();
  const first = deck('algo', [...FILLER, before]);
  await syncDecks(db, [first], NOON);
  const oldId = first.cards[3]!.id;
  await review(db, oldId);
  const second = deck('algo', [...FILLER, after]);
  const report = await syncDecks(db, [second], NOON + 1000);
  const newId = second.cards[3]!.id;
  return { db, report, oldId, newId, newLog: await reviewLogFor(db, newId), oldLog: await reviewLogFor(db, oldId) };
}

describe('a takeover only where the question is the same', () => {
  it.each([
    ['another algorithm named (one word, mostly different letters)', ['What is the time complexity of quicksort?', 'O(n log n) on average, O(n²) in the worst case.'], ['What is the time complexity of mergesort?', 'O(n log n) in every case, with O(n) extra memory.']],
    ['a changed number', ['What does HTTP status 404 mean?', 'The server cannot find the requested resource.'], ['What does HTTP status 403 mean?', 'The server understood the request but refuses it.']],
    ['a changed named entity', ['What is the capital of Austria?', 'Vienna.'], ['What is the capital of Australia?', 'Canberra.']],
    ['a changed code identifier', ['What does `list.sort()` return in Python?', 'None: it sorts the list in place.'], ['What does `list.sorted()` return in Python?', 'There is no such method; sorted(list) returns a new list.']],
  ] as Array<[string, [string, string], [string, string]]>)('no takeover across %s', async (_what, before, after) => {
    const { report, oldId, newId, newLog, oldLog } = await replaceOne(before, after);
    expect(report.carriedOver).toEqual([]);
    expect(report).toMatchObject({ added: 1, hidden: 1 });
    expect(newLog).toHaveLength(0);
    expect(oldLog.map((l) => l.cardId)).toEqual([oldId]); // the history stays with the card it belongs to
    expect(newId).not.toBe(oldId);
  });

  it('no takeover by a short answer two different questions share', async () => {
    const { report, newLog } = await replaceOne(
      ['What is the average time complexity of heapsort?', 'O(n log n)'],
      ['How fast is merge sort on a linked list?', 'O(n log n)'],
    );
    expect(report.carriedOver).toEqual([]);
    expect(newLog).toHaveLength(0);
  });

  it.each([
    ['a typo fixed', ['What is the time complexty of binary serach?', 'O(log n).'], ['What is the time complexity of binary search?', 'O(log n).']],
    ['a word added that carries no meaning', ['What is time complexity of binary search?', 'O(log n).'], ['What is the time complexity of binary search?', 'O(log n).']],
    ['a long unique answer kept, the question rewritten', ['What does HTTP 404 mean?', 'The server cannot find the requested resource at that address.'], ['Which status code says a resource was not found?', 'The server cannot find the requested resource at that address.']],
  ] as Array<[string, [string, string], [string, string]]>)('still a takeover for %s', async (_what, before, after) => {
    const { report, oldId, newId, newLog } = await replaceOne(before, after);
    expect(report.carriedOver).toEqual([{ from: oldId, to: newId }]);
    expect(newLog).toHaveLength(1);
  });
});

describe('repeated questions keep their own history', () => {
  const A: [string, string] = ['What is it?', 'A cat.'];
  const B: [string, string] = ['What is it?', 'A dog.'];

  it('deleting the first of two identical questions leaves the second its own progress', async () => {
    const db = await openTestDb();
    const first = deck('pets', [A, ...FILLER, B]);
    await syncDecks(db, [first], NOON);
    const [catId, dogId] = [first.cards[0]!.id, first.cards[4]!.id];
    await review(db, catId, Rating.Again);
    await review(db, dogId, Rating.Easy);
    await review(db, dogId, Rating.Easy, NOON + 5 * 86_400_000);

    const second = deck('pets', [...FILLER, B]);
    await syncDecks(db, [second], NOON + 6 * 86_400_000);
    const dogNow = second.cards[3]!.id;
    const dog = await cardWithState(db, dogNow);
    expect(dog.card?.back).toBe('A dog.');
    expect((await reviewLogFor(db, dogNow)).map((l) => l.rating)).toEqual([Rating.Easy, Rating.Easy]);
    // The cat's one answer is kept, with the hidden cat card.
    const cats = (await db.cards.toArray()).filter((c) => c.back === 'A cat.');
    expect(cats).toHaveLength(1);
    expect(cats[0]!.hidden).toBe(true);
    expect((await reviewLogFor(db, cats[0]!.id)).map((l) => l.rating)).toEqual([Rating.Again]);
    expect(await db.reviews.count()).toBe(3);
  });

  it('adding a copy in front of a question leaves the old card its progress', async () => {
    const db = await openTestDb();
    const first = deck('pets', [...FILLER, B]);
    await syncDecks(db, [first], NOON);
    await review(db, first.cards[3]!.id);
    const second = deck('pets', [A, ...FILLER, B]);
    await syncDecks(db, [second], NOON + 1000);
    expect(await reviewLogFor(db, second.cards[0]!.id)).toHaveLength(0);
    expect(await reviewLogFor(db, second.cards[4]!.id)).toHaveLength(1);
    expect((await cardWithState(db, second.cards[4]!.id)).card?.back).toBe('A dog.');
  });

  it('repeats stored under the old count ids (~2) move once to their new ids with their history', async () => {
    const db = await openTestDb();
    const next = deck('pets', [A, B]);
    const legacy: Deck = { ...next, cards: next.cards.map((c, i) => (i === 1 ? { ...c, id: `${next.cards[0]!.id}~2` } : c)) };
    await syncDecks(db, [legacy], NOON);
    await review(db, `${next.cards[0]!.id}~2`);
    const report = await syncDecks(db, [next], NOON + 1000);
    expect(report).toMatchObject({ added: 0, hidden: 0, takeovers: [] });
    expect((await reviewLogFor(db, next.cards[1]!.id)).map((l) => l.cardId)).toEqual([next.cards[1]!.id]);
    expect((await cardWithState(db, next.cards[1]!.id)).card?.back).toBe('A dog.');
    expect(await db.cards.count()).toBe(2);
  });

  it('ids of repeats: the first copy keeps the plain id, later ones follow their answer', () => {
    const [plain] = assignCardIds('pets', ['What is it?']);
    const ids = assignCardIds('pets', ['What is it?', 'What is it?', 'What is it?'], ['A cat.', 'A dog.', 'A cat.']);
    expect(ids[0]).toBe(plain);
    expect(new Set(ids).size).toBe(3);
    // The dog's id does not depend on how many copies come before it.
    expect(assignCardIds('pets', ['What is it?', 'What is it?', 'What is it?'], ['A fish.', 'A cat.', 'A dog.'])[2]).toBe(ids[1]);
  });
});

describe('an edit made in the app wins over a changed question', () => {
  it('a takeover keeps the user’s text and tags, and the note’s new text as the original', async () => {
    const db = await openTestDb();
    const first = deck('algo', [...FILLER, ['What is the time complexty of binary serach?', 'O(log n).']]);
    await syncDecks(db, [first], NOON);
    const oldId = first.cards[3]!.id;
    await editCard(db, oldId, { front: 'Binary search: how fast?', back: 'O(log n), in my words.', tags: ['mine'] });
    const second = deck('algo', [...FILLER, ['What is the time complexity of binary search?', 'O(log n).']]);
    const preview = await previewDeckSync(db, second, NOON + 1000);
    expect(preview.noteChangedUnderEdit.map((e) => e.front)).toEqual(['Binary search: how fast?']);
    const report = await syncDecks(db, [second], NOON + 1000);
    expect(report.carriedOver).toHaveLength(1);
    const { card } = await cardWithState(db, second.cards[3]!.id);
    expect(card).toMatchObject({ front: 'Binary search: how fast?', back: 'O(log n), in my words.', tags: ['mine'], userEdited: true });
    expect(card?.original).toEqual({ front: 'What is the time complexity of binary search?', back: 'O(log n).', tags: [] });

    // Until the user reverts: then the note's current version comes in, and later syncs update it again.
    const reverted = await revertCardEdit(db, second.cards[3]!.id);
    expect(reverted).toMatchObject({ front: 'What is the time complexity of binary search?', back: 'O(log n).', tags: [] });
    expect(reverted.userEdited).toBeUndefined();
    await syncDecks(db, [deck('algo', [...FILLER, ['What is the time complexity of binary search?', 'O(log n), halving.']])], NOON + 2000);
    expect((await cardWithState(db, second.cards[3]!.id)).card?.back).toBe('O(log n), halving.');
  });

  it('an edited card whose note text changes under the same id is listed, and keeps the user’s text', async () => {
    const db = await openTestDb();
    const first = deck('algo', FILLER);
    await syncDecks(db, [first], NOON);
    await editCard(db, first.cards[0]!.id, { front: 'Closures?', back: 'Mine.', tags: [] });
    const second = deck('algo', [[FILLER[0]![0], 'The note says more now.'], FILLER[1]!, FILLER[2]!]);
    const preview = await previewDeckSync(db, second, NOON + 1000);
    expect(preview.noteChangedUnderEdit).toEqual([{ id: first.cards[0]!.id, front: 'Closures?', noteFront: FILLER[0]![0] }]);
    expect(preview.takeovers).toEqual([]);
    await syncDecks(db, [second], NOON + 1000);
    expect((await cardWithState(db, first.cards[0]!.id)).card).toMatchObject({ front: 'Closures?', back: 'Mine.', original: { back: 'The note says more now.' } });
    // The same note again: nothing new to say.
    expect((await previewDeckSync(db, second, NOON + 2000)).noteChangedUnderEdit).toEqual([]);
  });
});

describe('the preview lists every takeover and the user may refuse one', () => {
  it('names both questions; a refused takeover leaves the old card its history and adds the new one fresh', async () => {
    const db = await openTestDb();
    const first = deck('algo', [...FILLER, ['What is the time complexty of binary serach?', 'O(log n).']]);
    await syncDecks(db, [first], NOON, { origin: 'imported' });
    const oldId = first.cards[3]!.id;
    await review(db, oldId);
    const second = deck('algo', [...FILLER, ['What is the time complexity of binary search?', 'O(log n).']]);
    const newId = second.cards[3]!.id;
    const preview = await previewDeckSync(db, second, NOON + 1000);
    expect(preview.takeovers).toEqual([
      { from: oldId, to: newId, fromFront: 'What is the time complexty of binary serach?', toFront: 'What is the time complexity of binary search?', reason: 'edited-question', reviews: 1 },
    ]);
    const report = await syncDecks(db, [second], NOON + 1000, { origin: 'imported', refusedTakeovers: [{ from: oldId, to: newId }] });
    expect(report.carriedOver).toEqual([]);
    expect(report).toMatchObject({ added: 1, hidden: 1 });
    expect(await reviewLogFor(db, newId)).toHaveLength(0);
    expect(await reviewLogFor(db, oldId)).toHaveLength(1);
    expect((await cardWithState(db, oldId)).card?.hidden).toBe(true);
  });
});
