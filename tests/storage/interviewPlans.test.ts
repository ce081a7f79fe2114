import { describe, expect, it } from 'vitest';
import {
  deckCounts,
  deckInterviewPlans,
  setDeckInterview,
  studyQueue,
  syncBundledDecks,
  StorageError,
} from '../../src/storage/index.ts';
import { DAY, HOUR, makeDeck, NOON, openTestDb } from './helpers.ts';

const pairs = (n: number): Array<[string, string]> => Array.from({ length: n }, (_, i) => [`Question ${i}?`, `Answer ${i}.`]);

describe('interview dates in storage', () => {
  it('a dated deck introduces its plan’s new cards today; a deck without a date keeps its limit', async () => {
    const db = await openTestDb();
    await syncBundledDecks(db, [makeDeck('js', pairs(60)), makeDeck('web', pairs(60))], 'v1', NOON);
    const before = await studyQueue(db, 'js', NOON);
    expect(before.queue.main).toHaveLength(20);
    // 60 cards over 20 days that leave two days of review: 3 a day.
    await setDeckInterview(db, 'js', { at: NOON + 22 * DAY, target: 0.9 }, NOON);
    const after = await studyQueue(db, 'js', NOON);
    expect(after.queue.main).toHaveLength(3);
    expect(after.queue.interviews?.js?.at).toBe(NOON + 22 * DAY);
    expect((await studyQueue(db, 'web', NOON)).queue.main).toHaveLength(20);
    const counts = await deckCounts(db, NOON);
    expect(counts.byDeck.js?.new).toBe(3);
    expect(counts.byDeck.web?.new).toBe(20);
    const plans = await deckInterviewPlans(db, NOON);
    expect(Object.keys(plans)).toEqual(['js']);
    expect(plans.js!.newToday).toBe(3);
    // After the date, ordinary scheduling again.
    expect((await studyQueue(db, 'js', NOON + 23 * DAY)).queue.main).toHaveLength(20);
  });

  it('the date survives the next bundled sync, and is cleared on request', async () => {
    const db = await openTestDb();
    await syncBundledDecks(db, [makeDeck('js', pairs(5))], 'v1', NOON);
    await setDeckInterview(db, 'js', { at: NOON + 5 * DAY + 10 * HOUR, target: 0.85 }, NOON);
    await syncBundledDecks(db, [makeDeck('js', pairs(6))], 'v2', NOON + 1);
    expect((await db.decks.get('js'))!.interview).toEqual({ at: NOON + 5 * DAY + 10 * HOUR, target: 0.85 });
    await setDeckInterview(db, 'js', null, NOON);
    expect((await db.decks.get('js'))!.interview).toBeUndefined();
  });

  it('refuses a date already past with a sentence, leaving the deck as it was', async () => {
    const db = await openTestDb();
    await syncBundledDecks(db, [makeDeck('js', pairs(5))], 'v1', NOON);
    const error = await setDeckInterview(db, 'js', { at: NOON - HOUR, target: 0.9 }, NOON).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toBe('That interview date is already past; pick a time ahead.');
    expect((await db.decks.get('js'))!.interview).toBeUndefined();
  });
});
