import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import { cardWithState, previewDeckSync, recordReview, syncDecks } from '../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb, QA } from './helpers.ts';

describe('previewDeckSync', () => {
  it('a deck not stored yet: every card is new, and nothing is written', async () => {
    const db = await openTestDb();
    const preview = await previewDeckSync(db, makeDeck('import-js', QA), NOON);
    expect(preview).toEqual({ exists: false, total: 5, added: 5, updated: 0, removed: 0, removedWithHistory: 0, restored: 0, unchanged: 0, takeovers: [], noteChangedUnderEdit: [] });
    expect(await db.decks.count()).toBe(0);
    expect(await db.cards.count()).toBe(0);
  });

  it('says what a re-import changes, as syncDecks then does', async () => {
    const db = await openTestDb();
    const first = makeDeck('import-js', QA, 'JS');
    await syncDecks(db, [first], NOON, { origin: 'imported' });
    const gone = first.cards[4]!.id;
    const { state } = await cardWithState(db, gone);
    await recordReview(db, { cardId: gone, rating: Rating.Good, now: NOON, durationMs: 1000, expectedStateVersion: state!.version });

    const next = makeDeck('import-js', [
      ['What is a new question?', 'A new answer.'], // new, at the top: moves every other card down
      QA[0]!,
      [QA[1]![0], `${QA[1]![1]} (edited)`], // answer edited
      ['What is the time complexty of binary search?', QA[2]![1]], // question edited, progress carried
      QA[3]!,
      // QA[4] removed, with one review
    ]);
    const preview = await previewDeckSync(db, next, NOON + 1000);
    expect(preview).toEqual({
      exists: true,
      existingTitle: 'JS',
      existingOrigin: 'imported',
      total: 5,
      added: 1,
      updated: 2,
      removed: 1,
      removedWithHistory: 1,
      restored: 0,
      unchanged: 2,
      // The edited question is listed, so the user may refuse that it keeps the old card's progress.
      takeovers: [
        { from: first.cards[2]!.id, to: next.cards[3]!.id, fromFront: QA[2]![0], toFront: 'What is the time complexty of binary search?', reason: 'edited-question', reviews: 0 },
      ],
      noteChangedUnderEdit: [],
    });
    expect(await db.cards.count()).toBe(5); // nothing written by the preview
    const report = await syncDecks(db, [next], NOON + 1000, { origin: 'imported' });
    expect(report).toMatchObject({ added: 1, hidden: 1, edited: 1 });
    expect(report.carriedOver).toHaveLength(1);
  });

  it('counts a card coming back into the note as restored', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('d', QA)], NOON, { origin: 'imported' });
    await syncDecks(db, [makeDeck('d', QA.slice(0, 4))], NOON + 1, { origin: 'imported' });
    expect(await previewDeckSync(db, makeDeck('d', QA), NOON + 2)).toMatchObject({ added: 0, restored: 1, unchanged: 4 });
  });
});
