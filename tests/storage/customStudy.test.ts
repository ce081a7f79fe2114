import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import { customStudyQueue } from '../../src/storage/customStudy.ts';
import { reviewEventsForOptimizer } from '../../src/storage/fsrsParameters.ts';
import { replayCards } from '../../src/storage/replayCards.ts';
import { cardWithState, dayProgress, loadSettings, recordReview, syncDecks, undoReview, type RehearseDb } from '../../src/storage/index.ts';
import { MIN, NOON, makeDeck, openTestDb, QA } from './helpers.ts';

async function setup(): Promise<{ db: RehearseDb; ids: string[] }> {
  const db = await openTestDb();
  const deck = makeDeck('js', QA);
  await syncDecks(db, [deck], NOON);
  return { db, ids: deck.cards.map((c) => c.id) };
}

describe('a practice grade (custom session that does not reschedule)', () => {
  it('changes no state and no summary, trains nothing, and is in the log marked practice', async () => {
    const { db, ids } = await setup();
    const id = ids[0]!;
    await recordReview(db, { cardId: id, rating: Rating.Good, now: NOON, durationMs: 1000, expectedStateVersion: 0 });
    const before = await cardWithState(db, id);
    const summariesBefore = await db.daySummaries.toArray();
    const progressBefore = await dayProgress(db, NOON + 5 * MIN, await loadSettings(db));

    const res = await recordReview(db, { cardId: id, rating: Rating.Again, now: NOON + 5 * MIN, durationMs: 800, expectedStateVersion: 1, practice: true });

    const after = await cardWithState(db, id);
    expect(after.state).toEqual(before.state);
    expect(res.version).toBe(1);
    expect(await db.daySummaries.toArray()).toEqual(summariesBefore);
    expect(await dayProgress(db, NOON + 5 * MIN, await loadSettings(db))).toEqual(progressBefore);
    expect((await reviewEventsForOptimizer(db)).map((e) => e.rating)).toEqual([Rating.Good]);
    const row = await db.reviews.get(res.logId);
    expect(row).toMatchObject({ kind: 'practice', rating: Rating.Again, cardId: id, stateAfter: before.state!.schedule, versionAfter: 1 });
    // A replay of the card's log (undo, sync) passes over it.
    const [replayed] = await replayCards(db, [id]);
    expect(replayed!.changed).toBe(false);
    // A second practice grade from the same version is accepted: the state did not move.
    await recordReview(db, { cardId: id, rating: Rating.Good, now: NOON + 6 * MIN, durationMs: 800, expectedStateVersion: 1, practice: true });
  });

  it('is taken back by undo: voided, the state still untouched', async () => {
    const { db, ids } = await setup();
    const id = ids[1]!;
    const before = await cardWithState(db, id);
    const res = await recordReview(db, { cardId: id, rating: Rating.Hard, now: NOON, durationMs: 500, expectedStateVersion: 0, practice: true });
    await undoReview(db, res.logId, NOON + MIN);
    expect((await db.reviews.get(res.logId))?.voided).toBe(1);
    expect(await db.reviewVoids.get(res.logId)).toBeTruthy();
    expect((await cardWithState(db, id)).state).toEqual(before.state);
  });
});

describe('customStudyQueue', () => {
  it('forgotten today: the cards graded Again today, practice answers not counted', async () => {
    const { db, ids } = await setup();
    await recordReview(db, { cardId: ids[2]!, rating: Rating.Again, now: NOON, durationMs: 500, expectedStateVersion: 0 });
    await recordReview(db, { cardId: ids[3]!, rating: Rating.Good, now: NOON, durationMs: 500, expectedStateVersion: 0 });
    await recordReview(db, { cardId: ids[4]!, rating: Rating.Again, now: NOON, durationMs: 500, expectedStateVersion: 0, practice: true });
    const { queue, cards } = await customStudyQueue(db, { kind: 'forgotten', deckId: 'all', reschedule: false }, NOON + MIN);
    expect(queue.main.map((i) => i.cardId)).toEqual([ids[2]]);
    expect(Object.keys(cards)).toEqual([ids[2]]);
  });

  it('cram resumed after a reload keeps only the cards left, in their order', async () => {
    const { db, ids } = await setup();
    const spec = { kind: 'cram', deckId: 'js', reschedule: false, order: 'deck' } as const;
    expect((await customStudyQueue(db, spec, NOON)).queue.main.map((i) => i.cardId)).toEqual(ids);
    const left = [ids[4]!, ids[1]!, 'js/gone'];
    expect((await customStudyQueue(db, spec, NOON, left)).queue.main.map((i) => i.cardId)).toEqual([ids[4], ids[1]]);
  });
});
