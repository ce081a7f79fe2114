// The rows behind the statistics: the period only, per deck or all, hidden decks left out, and
// the streak followed back before the period through the reviewedAt index.
import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import { collectionStats } from '../../src/core/stats/index.ts';
import { recordReview, suspendCard, syncDecks, type RehearseDb, type StoredReviewLog } from '../../src/storage/index.ts';
import { loadStatsRows } from '../../src/storage/statsQueries.ts';
import { DAY, HOUR, makeDeck, NOON, openTestDb, QA } from './helpers.ts';

async function setup(): Promise<{ db: RehearseDb; js: string[]; net: string[] }> {
  const db = await openTestDb();
  const js = makeDeck('js', QA.slice(0, 3));
  const net = makeDeck('net', QA.slice(3));
  await syncDecks(db, [js, net], NOON - 400 * DAY);
  return { db, js: js.cards.map((c) => c.id), net: net.cards.map((c) => c.id) };
}

/** A log row answered at `at` (only the fields the statistics read matter here). */
async function addLog(db: RehearseDb, cardId: string, deckId: string, at: number): Promise<void> {
  const state = (await db.cardStates.get(cardId))!.schedule;
  const row: StoredReviewLog = {
    id: `${cardId}@${at}`,
    cardId,
    deckId,
    rating: Rating.Good,
    reviewedAt: at,
    durationMs: 1000,
    stateBefore: state,
    stateAfter: state,
    versionAfter: 0,
    fsrsLog: { rating: Rating.Good, state: 0, due: at, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: at },
  };
  await db.reviews.add(row);
}

describe('loadStatsRows', () => {
  it('reads the answers of the period only, for all decks and for one deck', async () => {
    const { db, js, net } = await setup();
    await recordReview(db, { cardId: js[0]!, rating: Rating.Good, now: NOON - HOUR, durationMs: 3000, expectedStateVersion: 0 });
    await recordReview(db, { cardId: net[0]!, rating: Rating.Again, now: NOON - 2 * HOUR, durationMs: 2000, expectedStateVersion: 0 });
    await addLog(db, js[1]!, 'js', NOON - 40 * DAY); // before a 30-day period, inside 90 days

    await suspendCard(db, js[2]!); // in neither index now
    const all30 = await loadStatsRows(db, { scope: 'all', days: 30, now: NOON });
    expect(all30.logs.map((l) => l.cardId).sort()).toEqual([js[0], net[0]].sort());
    // The two cards seen and the suspended one are read; the two other new cards only counted.
    expect(all30.cards.map((c) => c.cardId).sort()).toEqual([js[0], js[2], net[0]].sort());
    expect(all30.newCardsNotRead).toBe(2);
    const all90 = await loadStatsRows(db, { scope: 'all', days: 90, now: NOON });
    expect(all90.logs).toHaveLength(3);

    const deck = await loadStatsRows(db, { scope: 'js', days: 30, now: NOON });
    expect(deck.logs.map((l) => l.cardId)).toEqual([js[0]]);
    expect(deck.cards.map((c) => c.cardId).sort()).toEqual([...js].sort());

    // The figures on the screen, from these rows.
    const stats = collectionStats(
      { ...all30, desiredRetention: all30.settings.desiredRetention },
      { now: NOON, days: 30, dayStartHour: all30.settings.dayStartHour, timeZone: 0 },
    );
    expect(stats.reviews.days.at(-1)).toMatchObject({ total: 2, good: 1, again: 1, newCards: 2, durationMs: 5000 });
    expect(stats.cards).toMatchObject({ new: 2, learning: 2, suspended: 1, total: 5 });
    expect(stats.calendar.currentStreak).toBe(1);
  });

  it('leaves out the cards of hidden decks', async () => {
    const { db } = await setup();
    await db.decks.update('net', { hidden: true });
    const rows = await loadStatsRows(db, { scope: 'all', days: 30, now: NOON });
    expect(rows.cards.every((c) => c.deckId === 'js')).toBe(true);
    expect(rows.newCardsNotRead).toBe(3); // js's three new cards, not net's two
  });

  it('follows a streak back before the period, to its first day', async () => {
    const { db, js } = await setup();
    // Every day from 45 days ago to yesterday (noon UTC, day boundary 04:00 at offset 0), then a gap.
    for (let k = 1; k <= 45; k++) await addLog(db, js[0]!, 'js', NOON - k * DAY);
    await addLog(db, js[0]!, 'js', NOON - 47 * DAY);
    const rows = await loadStatsRows(db, { scope: 'all', days: 30, now: NOON });
    expect(rows.logs).toHaveLength(29);
    expect(rows.studiedBefore).toHaveLength(16); // days 30…45 ago
    const stats = collectionStats(
      { logs: rows.logs, cards: rows.cards, studiedBefore: rows.studiedBefore, desiredRetention: 0.9 },
      { now: NOON, days: 30, dayStartHour: 4, timeZone: 0 },
    );
    expect(stats.calendar.currentStreak).toBe(45);

    // One deck: its whole history is read, so the streak is there too.
    const deck = await loadStatsRows(db, { scope: 'js', days: 30, now: NOON });
    const deckStats = collectionStats(
      { logs: deck.logs, cards: deck.cards, studiedBefore: deck.studiedBefore, desiredRetention: 0.9 },
      { now: NOON, days: 30, dayStartHour: 4, timeZone: 0 },
    );
    expect(deckStats.calendar.currentStreak).toBe(45);
  });

  it('does not look back when the period has a day without answers', async () => {
    const { db, js } = await setup();
    await addLog(db, js[0]!, 'js', NOON - DAY);
    await addLog(db, js[0]!, 'js', NOON - 31 * DAY);
    const rows = await loadStatsRows(db, { scope: 'all', days: 30, now: NOON });
    expect(rows.studiedBefore).toEqual([]);
  });
});
