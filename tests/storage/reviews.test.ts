import { describe, expect, it } from 'vitest';
import { initialSession, reviewReducer } from '../../src/core/review/index.ts';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import {
  buryCard,
  cardWithState,
  deckCounts,
  loadSettings,
  recordReview,
  reviewLogFor,
  saveSettings,
  StorageError,
  studyQueue,
  suspendCard,
  syncDecks,
  undoLastReview,
  undoReview,
  type RehearseDb,
} from '../../src/storage/index.ts';
import { DAY, makeDeck, MIN, NOON, openTestDb, QA, liveReviewRows } from './helpers.ts';

async function setup(): Promise<{ db: RehearseDb; ids: string[] }> {
  const db = await openTestDb();
  const deck = makeDeck('js', QA);
  await syncDecks(db, [deck], NOON);
  return { db, ids: deck.cards.map((c) => c.id) };
}

describe('recordReview', () => {
  it('writes the new state and the log row together', async () => {
    const { db, ids } = await setup();
    const res = await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 4200, expectedStateVersion: 0 });
    expect(res.version).toBe(1);
    expect(res.schedule).toMatchObject({ state: State.Learning, due: NOON + 10 * MIN });
    const { state } = await cardWithState(db, ids[0]!);
    expect(state).toMatchObject({ version: 1, dueAt: NOON + 10 * MIN, schedule: res.schedule });
    expect(state?.newRank).toBeUndefined();
    const [log] = await reviewLogFor(db, ids[0]!);
    expect(log).toMatchObject({
      id: res.logId,
      cardId: ids[0],
      deckId: 'js',
      rating: Rating.Good,
      reviewedAt: NOON,
      durationMs: 4200,
      versionAfter: 1,
      stateAfter: res.schedule,
    });
    expect(log?.stateBefore.state).toBe(State.New);
    expect(log?.fsrsLog).toMatchObject({ rating: Rating.Good, state: State.New, review: NOON });
  });

  it('rejects a grade computed from a stale state and writes nothing', async () => {
    const { db, ids } = await setup();
    const answer = { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 1000, expectedStateVersion: 0 } as const;
    await recordReview(db, answer); // "the other tab"
    const before = await cardWithState(db, ids[0]!);
    const err = await recordReview(db, { ...answer, rating: Rating.Again, now: NOON + 1000 }).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.code).toBe('stale-state');
    expect(await cardWithState(db, ids[0]!)).toEqual(before);
    expect((await liveReviewRows(db)).length).toBe(1);
  });

  it('an unknown card is not-found', async () => {
    const { db } = await setup();
    await expect(
      recordReview(db, { cardId: 'nope', rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 0 }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a failing log write (quota) rolls back the state write too', async () => {
    const { db, ids } = await setup();
    const before = await cardWithState(db, ids[0]!);
    const hook = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.reviews.hook('creating', hook);
    const err = await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 0 }).catch((e) => e);
    db.reviews.hook('creating').unsubscribe(hook);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.code).toBe('quota-exceeded');
    expect(err.message).toMatch(/storage space/);
    expect(await cardWithState(db, ids[0]!)).toEqual(before);
    expect((await liveReviewRows(db)).length).toBe(0);
  });
});

describe('undoLastReview', () => {
  it('restores the previous state and version and voids the log row, which stays', async () => {
    const { db, ids } = await setup();
    const before = await cardWithState(db, ids[0]!);
    await recordReview(db, { cardId: ids[0]!, rating: Rating.Easy, now: NOON, durationMs: 0, expectedStateVersion: 0 });
    const undone = await undoLastReview(db, ids[0]!);
    expect(undone).toMatchObject({ cardId: ids[0], version: 0 });
    expect(await cardWithState(db, ids[0]!)).toEqual(before);
    expect((await liveReviewRows(db)).length).toBe(0);
    await expect(undoLastReview(db)).rejects.toMatchObject({ code: 'nothing-to-undo' });
  });

  it('undoes only the latest answer, and refuses when a later one exists for another card', async () => {
    const { db, ids } = await setup();
    await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 0 });
    await recordReview(db, { cardId: ids[1]!, rating: Rating.Good, now: NOON + 1000, durationMs: 0, expectedStateVersion: 0 });
    await expect(undoLastReview(db, ids[0]!)).rejects.toMatchObject({ code: 'stale-state' });
    expect((await liveReviewRows(db)).length).toBe(2);
    expect((await undoLastReview(db)).cardId).toBe(ids[1]);
    expect((await undoLastReview(db)).cardId).toBe(ids[0]);
  });
});

describe('queue and counts from storage', () => {
  it('counts new (capped by the limit) / learning / due per deck and in total', async () => {
    const db = await openTestDb();
    const many = Array.from({ length: 30 }, (_, i): [string, string] => [`Question number ${i}?`, `Answer ${i}.`]);
    const a = makeDeck('a', many);
    const b = makeDeck('b', QA);
    await syncDecks(db, [a, b], NOON - 30 * DAY);
    // b[0] becomes a review card (Easy: a few days, answered a month ago), b[1] a learning card.
    await recordReview(db, { cardId: b.cards[0]!.id, rating: Rating.Easy, now: NOON - 30 * DAY, durationMs: 0, expectedStateVersion: 0 });
    await recordReview(db, { cardId: b.cards[1]!.id, rating: Rating.Good, now: NOON - 5 * MIN, durationMs: 0, expectedStateVersion: 0 });
    await suspendCard(db, b.cards[2]!.id);
    await buryCard(db, b.cards[3]!.id, NOON);

    const counts = await deckCounts(db, NOON);
    // Today's answers: b[1] was introduced today (new limit for b: 20 - 1; b has 1 new card left;
    // a may introduce 20 of its own, but all decks together have only 19 left today).
    expect(counts.byDeck).toEqual({ a: { new: 19, learning: 0, due: 0 }, b: { new: 1, learning: 1, due: 1 } });
    expect(counts.total).toEqual({ new: 19, learning: 1, due: 1 });
  });

  it('builds the study queue with card content; the learning card shows once due', async () => {
    const { db, ids } = await setup();
    await recordReview(db, { cardId: ids[0]!, rating: Rating.Again, now: NOON, durationMs: 0, expectedStateVersion: 0 });
    const { queue, cards } = await studyQueue(db, 'js', NOON + 10_000);
    expect(queue.learning.map((i) => i.cardId)).toEqual([ids[0]]);
    expect(queue.main.map((i) => i.cardId)).toEqual(ids.slice(1));
    expect(cards[ids[1]!]?.front).toBe(QA[1]![0]);
    expect(queue.dayEnd).toBe(Date.UTC(2024, 5, 11, 4));
  });

  it('a buried card comes back at the next study day (04:00)', async () => {
    const { db, ids } = await setup();
    expect(await buryCard(db, ids[0]!, NOON)).toBe(Date.UTC(2024, 5, 11, 4));
    const today = await studyQueue(db, 'all', NOON);
    expect(today.queue.main.map((i) => i.cardId)).not.toContain(ids[0]);
    const at0359 = await studyQueue(db, 'all', Date.UTC(2024, 5, 11, 3, 59));
    expect(at0359.queue.main.map((i) => i.cardId)).not.toContain(ids[0]);
    const at0400 = await studyQueue(db, 'all', Date.UTC(2024, 5, 11, 4, 0));
    expect(at0400.queue.main.map((i) => i.cardId)).toContain(ids[0]);
  });

  it('respects reviews already done today', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON - 10 * DAY);
    for (const c of deck.cards) {
      await recordReview(db, { cardId: c.id, rating: Rating.Easy, now: NOON - 10 * DAY, durationMs: 0, expectedStateVersion: 0 });
    }
    await saveSettings(db, { maxReviewsPerDay: 3 });
    const first = await studyQueue(db, 'js', NOON);
    expect(first.queue.main).toHaveLength(3);
    const item = first.queue.main[0]!;
    await recordReview(db, { cardId: item.cardId, rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: item.version });
    expect((await studyQueue(db, 'js', NOON + MIN)).queue.main).toHaveLength(2);
    expect((await deckCounts(db, NOON + MIN)).byDeck.js).toEqual({ new: 0, learning: 0, due: 2 });
    // Tomorrow the limit is fresh again.
    expect((await studyQueue(db, 'js', NOON + DAY)).queue.main.length).toBe(3);
  });
});

describe('session and storage agree', () => {
  it('the grade the button showed is the one recordReview stores (fuzz on), and undo by its id restores the card', async () => {
    const db = await openTestDb();
    await saveSettings(db, { enableFuzz: true });
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON - 40 * DAY);
    for (const c of deck.cards) {
      await recordReview(db, { cardId: c.id, rating: Rating.Easy, now: NOON - 40 * DAY, durationMs: 0, expectedStateVersion: 0 });
    }
    const { queue, settings } = await studyQueue(db, 'all', NOON);
    let s = reviewReducer(initialSession(queue, 't'), { type: 'start', queue, now: NOON, sessionId: 't' });
    s = reviewReducer(s, { type: 'reveal', now: NOON + 2000, settings });
    const shownDue = s.current!.outcomes![Rating.Good].state.due;
    s = reviewReducer(s, { type: 'grade', rating: Rating.Good, now: NOON + 45_000 });
    const command = s.pending[0];
    if (command?.kind !== 'record') throw new Error('expected a record command');
    const stored = await recordReview(db, command);
    expect(stored.schedule.due).toBe(shownDue);
    expect((await cardWithState(db, command.cardId)).state?.schedule.due).toBe(shownDue);
    const [, log] = await reviewLogFor(db, command.cardId);
    expect(log).toMatchObject({ reviewedAt: NOON + 45_000, durationMs: 45_000 });
    s = reviewReducer(s, { type: 'stored', commandId: command.id, logId: stored.logId, now: NOON + 45_010 });
    s = reviewReducer(s, { type: 'undo', now: NOON + 46_000 });
    const undo = s.pending[0];
    if (undo?.kind !== 'undo' || undo.logId === undefined) throw new Error('expected an undo command with a log id');
    expect(undo.logId).toBe(stored.logId);
    const restored = await undoReview(db, undo.logId);
    expect(restored.version).toBe(command.expectedStateVersion);
    expect(restored.schedule).toEqual(queue.main.find((i) => i.cardId === command.cardId)?.schedule);
  });
});

describe('undoReview (two tabs)', () => {
  it("takes back this tab's answer by its id, and leaves the other tab's later answer alone", async () => {
    const { db, ids } = await setup();
    const mine = await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 0 });
    const theirs = await recordReview(db, { cardId: ids[1]!, rating: Rating.Again, now: NOON + 1000, durationMs: 0, expectedStateVersion: 0 });
    const undone = await undoReview(db, mine.logId);
    expect(undone).toMatchObject({ cardId: ids[0], version: 0 });
    const rows = await liveReviewRows(db);
    expect(rows.map((r) => [r.id, r.cardId])).toEqual([[theirs.logId, ids[1]]]);
    expect((await cardWithState(db, ids[1]!)).state?.version).toBe(1);
    expect((await cardWithState(db, ids[0]!)).state?.schedule.state).toBe(State.New);
  });

  it('refuses, writing nothing, when the card was answered again since, or the answer is gone', async () => {
    const { db, ids } = await setup();
    const first = await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 0 });
    await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON + 10 * MIN, durationMs: 0, expectedStateVersion: 1 });
    const before = await cardWithState(db, ids[0]!);
    const refused = await undoReview(db, first.logId).catch((e) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect(refused.code).toBe('stale-state');
    expect(await cardWithState(db, ids[0]!)).toEqual(before);
    expect((await liveReviewRows(db)).length).toBe(2);
    await expect(undoReview(db, 'no-such-review')).rejects.toMatchObject({ code: 'nothing-to-undo' });
  });

  it('a refused write says what happened in words, without a card id', async () => {
    const { db, ids } = await setup();
    await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 0 });
    const err = await recordReview(db, { cardId: ids[0]!, rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 0 }).catch((e) => e);
    expect(err.code).toBe('stale-state');
    expect(err.message).not.toContain(ids[0]!);
    expect(err.message).not.toMatch(/\(card /);
  });
});

describe('settings', () => {
  it('loads defaults, saves normalized changes', async () => {
    const { db } = await setup();
    expect((await loadSettings(db)).newCardsPerDay).toBe(20);
    const saved = await saveSettings(db, { newCardsPerDay: 5, desiredRetention: 2 });
    expect(saved).toMatchObject({ newCardsPerDay: 5, desiredRetention: 0.99, enableFuzz: false });
    expect(await loadSettings(db)).toEqual(saved);
  });
});
