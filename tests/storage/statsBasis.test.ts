// loadStatsSummaries checks in the same read that the summaries count days as this device does, and
// counts them again first when they do not (here: the device is in another time zone now).
import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import { loadStatsSummaries } from '../../src/storage/statsQueries.ts';
import { cardWithState, recordReview, syncDecks } from '../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb, QA } from './helpers.ts';

describe('statistics read under the device’s own days', () => {
  it('counts the summaries again once after a change of zone, then reads them as they are', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON);
    const cardId = deck.cards[0]!.id;
    const { state } = await cardWithState(db, cardId);
    await recordReview(db, { cardId, rating: Rating.Good, now: NOON, durationMs: 4000, expectedStateVersion: state!.version });

    const reasons: string[] = [];
    const load = () => loadStatsSummaries(db, { scope: 'all', days: 30, now: NOON + 60_000 }, (r) => reasons.push(r));
    const answersIn = (rows: Awaited<ReturnType<typeof load>>) => rows.input.days.reduce((n, d) => n + d.again + d.hard + d.good + d.easy, 0);

    expect(answersIn(await load())).toBe(1);
    expect(reasons).toEqual([]);

    db.timeZone = 9 * 60; // the same database, opened on a device nine hours east
    expect(answersIn(await load())).toBe(1);
    expect(reasons).toEqual(['zone']);
    expect(answersIn(await load())).toBe(1);
    expect(reasons).toEqual(['zone']);
  });
});
