import { describe, expect, it } from 'vitest';
import { EXAMPLE_TRUE_WEIGHTS } from '../../src/core/optimizer/index.ts';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import { resetCard } from '../../src/storage/cardEdits.ts';
import { rescheduleCards, reviewEventsForOptimizer } from '../../src/storage/fsrsParameters.ts';
import { cardWithState, recordReview, reviewLogFor, saveSettings, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { DAY, makeDeck, NOON, openTestDb, QA } from './helpers.ts';

async function answer(db: RehearseDb, cardId: string, rating: Rating.Again | Rating.Good, now: number) {
  const { state } = await cardWithState(db, cardId);
  return recordReview(db, { cardId, rating, now, durationMs: 4000, expectedStateVersion: state!.version });
}

describe('personal parameters', () => {
  it('reads the log for the optimizer, marking answers to new cards', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON);
    const id = deck.cards[0]!.id;
    await answer(db, id, Rating.Good, NOON);
    await answer(db, id, Rating.Good, NOON + 3 * DAY);
    await resetCard(db, id, NOON + 4 * DAY);
    await answer(db, id, Rating.Again, NOON + 5 * DAY);
    const events = await reviewEventsForOptimizer(db);
    expect(events.map((e) => [e.rating, e.fromNew])).toEqual([[3, true], [3, false], [1, true]]);
  });

  it('reschedules studied cards from their history under new parameters, in one go', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON);
    const [a, b] = [deck.cards[0]!.id, deck.cards[1]!.id];
    for (const [i, id] of [a, b].entries()) {
      await answer(db, id, Rating.Good, NOON - 40 * DAY + i);
      await answer(db, id, Rating.Good, NOON - 39 * DAY + i);
      await answer(db, id, Rating.Good, NOON - 30 * DAY + i);
    }
    const before = await cardWithState(db, a);
    // Under the same parameters a replay changes nothing.
    expect(await rescheduleCards(db)).toEqual({ cards: 2, moved: 0 });
    expect((await cardWithState(db, a)).state!.version).toBe(before.state!.version);

    await saveSettings(db, { fsrsWeights: [...EXAMPLE_TRUE_WEIGHTS] });
    expect(await rescheduleCards(db)).toEqual({ cards: 2, moved: 2 });
    const after = await cardWithState(db, a);
    expect(after.state!.schedule.due).not.toBe(before.state!.schedule.due);
    expect(after.state!.schedule.state).toBe(State.Review);
    expect(after.state!.version).toBe(before.state!.version + 1);
    expect(after.state!.dueAt).toBe(after.state!.schedule.due);
    expect(await reviewLogFor(db, a)).toHaveLength(3);
  });
});
