// Anki packages with their progress into IndexedDB: reviews counted against the package, states
// against a fresh replay and storage's own replay of the log, re-imports adding only what is new,
// Rehearse's answers merged in time order, and the statistics summaries still exact.
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ankiPackageToDecks, readAnkiPackage, replayAnkiCard, type AnkiRehearseDeck } from '../../src/core/anki/index.ts';
import { State } from '../../src/core/scheduling/fsrs.ts';
import { normalizeSettings } from '../../src/core/scheduling/settings.ts';
import { summarizeAnswers, summarizeCards, summarizeDues, type CardSummary } from '../../src/core/stats/summaries.ts';
import { importAnkiDecks } from '../../src/storage/anki/importAnki.ts';
import { deleteDeck, recordReview, undoReview, type RehearseDb } from '../../src/storage/index.ts';
import { isLiveAnswer, replayCards } from '../../src/storage/replayCards.ts';
import { zipSync } from 'fflate';
import { readDeckForExport } from '../../src/storage/anki/deckForExport.ts';
import { syncDecks } from '../../src/storage/index.ts';
import { buildApkg } from '../../src/ui/anki/apkg.ts';
import { renderCardMarkdown } from '../../src/ui/render/markdownToHtml.ts';
import { fixtureDecks, loadSql } from '../core/anki/ankiFixtures.ts';
import { DAY, HOUR, makeDeck, NOON, openTestDb, QA } from './helpers.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});


const answersIn = (decks: readonly AnkiRehearseDeck[]) => decks.reduce((n, d) => n + d.cards.reduce((m, c) => m + c.reviews.length, 0), 0);
const SETTINGS = normalizeSettings({ enableFuzz: false });
/** 2024-01-10 12:00 UTC: after every answer in the fixtures. */
const NOW = Date.UTC(2024, 0, 10, 12);

async function expectStatesAreFreshReplays(db: RehearseDb, decks: readonly AnkiRehearseDeck[]): Promise<void> {
  for (const deck of decks) {
    for (const card of deck.cards) {
      const row = (await db.cardStates.get(card.id))!;
      const fresh = replayAnkiCard(card, deck.anki.collectionCreated, SETTINGS).schedule;
      // A new card's due is when its deck arrived, which no replay knows.
      if (fresh.state === State.New) expect(row.schedule).toMatchObject({ state: State.New, reps: 0, lapses: 0 });
      else expect(row.schedule).toEqual(fresh);
    }
  }
  // Storage's own replay of the log (undo, sync) lands on the same states.
  const replayed = await replayCards(db, decks.flatMap((d) => d.cards.map((c) => c.id)));
  expect(replayed.filter((r) => r.changed).map((r) => r.row.cardId)).toEqual([]);
}

const nonEmptyCards = (rows: Iterable<CardSummary>) =>
  [...rows].filter((r) => r.total !== 0 || r.memory !== 0).sort((a, b) => a.deckId.localeCompare(b.deckId));

async function expectSummariesExact(db: RehearseDb): Promise<void> {
  const live = (await db.reviews.toArray()).filter(isLiveAnswer);
  const byKey = (a: { deckId: string; day: number }, b: { deckId: string; day: number }) => (a.deckId === b.deckId ? a.day - b.day : a.deckId.localeCompare(b.deckId));
  expect(await db.daySummaries.toArray()).toEqual([...summarizeAnswers(live, SETTINGS.dayStartHour, db.timeZone).values()].sort(byKey));
  const states = await db.cardStates.toArray();
  expect(await db.dueDays.toArray()).toEqual([...summarizeDues(states, SETTINGS.dayStartHour, db.timeZone).values()].sort(byKey));
  expect(nonEmptyCards(await db.cardSummaries.toArray())).toEqual(nonEmptyCards(summarizeCards(states).values()));
}

describe('importAnkiDecks', () => {
  it('writes every answer of new_deck.apkg and states that equal a fresh replay', async () => {
    const db = await openTestDb();
    const decks = await fixtureDecks('new_deck.apkg');
    const report = await importAnkiDecks(db, decks, NOW);
    expect(answersIn(decks)).toBe(23);
    expect(report).toEqual({ decks: 1, cardsAdded: 6, cardsUpdated: 0, reviewsAdded: 23, reviewsAlreadyThere: 0, fsrs: { compared: 0, matching: 0 } });
    expect(await db.reviews.count()).toBe(23);
    expect(await db.cards.count()).toBe(6);
    expect((await db.decks.get('test-deck'))).toMatchObject({ origin: 'imported', cardCount: 6 });
    const device = (await db.settings.get('deviceId'))!.value;
    for (const r of await db.reviews.toArray()) {
      expect(r).toMatchObject({ device, versionAfter: 0 });
      expect(r.fsrsLog.review).toBe(r.reviewedAt);
    }
    await expectStatesAreFreshReplays(db, decks);
    await expectSummariesExact(db);
  });

  it('adds nothing when the same package is imported again', async () => {
    const db = await openTestDb();
    await importAnkiDecks(db, await fixtureDecks('new_deck.apkg'), NOW);
    const states = await db.cardStates.toArray();
    const report = await importAnkiDecks(db, await fixtureDecks('new_deck.apkg'), NOW + DAY);
    expect(report).toMatchObject({ cardsAdded: 0, cardsUpdated: 0, reviewsAdded: 0, reviewsAlreadyThere: 23 });
    expect(await db.reviews.count()).toBe(23);
    expect(await db.cardStates.toArray()).toEqual(states);
    await expectSummariesExact(db);
  });

  it('adds only the one answer a later package has, and replays its card', async () => {
    const db = await openTestDb();
    const earlier = await fixtureDecks('new_deck.apkg');
    const card = earlier[0]!.cards[1]!;
    card.reviews = card.reviews.slice(0, -1);
    await importAnkiDecks(db, earlier, NOW);
    expect(await db.reviews.count()).toBe(22);
    const later = await fixtureDecks('new_deck.apkg');
    const report = await importAnkiDecks(db, later, NOW + DAY);
    expect(report).toMatchObject({ cardsAdded: 0, cardsUpdated: 1, reviewsAdded: 1, reviewsAlreadyThere: 22 });
    expect(await db.reviews.count()).toBe(23);
    await expectStatesAreFreshReplays(db, later);
    await expectSummariesExact(db);
  });

  it('keeps suspended and buried cards so, and a card with no history new', async () => {
    const db = await openTestDb();
    const decks = await fixtureDecks('collection_nomedia_new.colpkg');
    const [first, second, third] = decks[0]!.cards;
    second!.anki.queue = -1;
    third!.anki.queue = -3;
    await importAnkiDecks(db, decks, NOW);
    expect(await db.cardStates.get(second!.id)).toMatchObject({ suspended: true, buriedUntil: 0, schedule: { state: State.New, reps: 0 } });
    expect((await db.cardStates.get(third!.id))!.buriedUntil).toBe(Date.UTC(2024, 0, 11, 4));
    expect((await db.cardStates.get(decks[0]!.cards[3]!.id))!.schedule).toMatchObject({ state: State.New, reps: 0 });
    // The one card with an answer (Again, Anki waiting on the first of two steps) keeps its step and due.
    expect(first!.reviews).toHaveLength(1);
    expect((await db.cardStates.get(first!.id))!.schedule).toMatchObject({ state: State.Learning, learningSteps: 0, due: 1701632951_000 });
    expect(await db.reviews.count()).toBe(1);
    await expectStatesAreFreshReplays(db, decks);
    await expectSummariesExact(db);
  });

  it('brings the history back when a deleted deck is imported again (its old rows stay voided)', async () => {
    const db = await openTestDb();
    const decks = await fixtureDecks('new_deck.apkg');
    decks[0]!.cards[0]!.reviews = [];
    await importAnkiDecks(db, decks, NOW);
    await deleteDeck(db, 'test-deck', NOW + DAY);
    expect((await db.reviews.toArray()).filter(isLiveAnswer)).toHaveLength(0);
    const again = await fixtureDecks('new_deck.apkg');
    again[0]!.cards[0]!.reviews = [];
    const report = await importAnkiDecks(db, again, NOW + 2 * DAY);
    expect(report).toMatchObject({ cardsAdded: 6, reviewsAdded: 19, reviewsAlreadyThere: 0 });
    expect(await db.reviews.count()).toBe(2 * 20);
    expect((await db.reviews.toArray()).filter((r) => !r.voided).map((r) => r.id).filter((id) => !id.endsWith('.2'))).toEqual([]);
    await expectStatesAreFreshReplays(db, again);
    expect(await importAnkiDecks(db, again, NOW + 3 * DAY)).toMatchObject({ reviewsAdded: 0, reviewsAlreadyThere: 19 });
    await expectSummariesExact(db);
  });

  it('keeps the state of a review card exported without its log, through re-imports and an undo', async () => {
    const db = await openTestDb();
    const withoutLog = async () => {
      const decks = await fixtureDecks('new_deck.apkg');
      const c = decks[0]!.cards[0]!;
      c.reviews = [];
      c.anki.fsrs = { stability: 120, difficulty: 4.5 };
      return { decks, c };
    };
    const { decks, c } = await withoutLog();
    const report = await importAnkiDecks(db, decks, NOW);
    expect(report.reviewsAdded).toBe(19);
    const state = (await db.cardStates.get(c.id))!;
    // due 739 days from the collection's day; the interval 557 days.
    expect(state.schedule).toMatchObject({ state: State.Review, due: (1_681_171_200 + 739 * 86_400) * 1000, stability: 120, difficulty: 4.5, scheduledDays: 557 });
    const log = await db.reviews.where('cardId').equals(c.id).toArray();
    expect(log.map((r) => [r.kind, r.rating])).toEqual([['reschedule', 0]]);
    await importAnkiDecks(db, (await withoutLog()).decks, NOW + DAY);
    expect(await db.reviews.count()).toBe(20);
    // Answered in Rehearse, then taken back: storage's replay starts from Anki's state, not from new.
    const { logId } = await recordReview(db, { cardId: c.id, rating: 3, now: state.schedule.due, durationMs: 3000, expectedStateVersion: state.version });
    await undoReview(db, logId);
    expect((await db.cardStates.get(c.id))!.schedule).toEqual(state.schedule);
    await expectSummariesExact(db);
  });

  it('keeps the history it has when a later package comes with scheduling but without the log', async () => {
    const db = await openTestDb();
    await importAnkiDecks(db, await fixtureDecks('new_deck.apkg'), NOW);
    const states = await db.cardStates.toArray();
    const schedulingOnly = await fixtureDecks('new_deck.apkg');
    for (const c of schedulingOnly[0]!.cards) c.reviews = [];
    const report = await importAnkiDecks(db, schedulingOnly, NOW + DAY);
    expect(report).toMatchObject({ reviewsAdded: 0, cardsUpdated: 0 });
    expect(await db.reviews.count()).toBe(23);
    expect(await db.cardStates.toArray()).toEqual(states);
  });

  it('keeps the answers given in Rehearse and merges them with a later package\'s in time order', async () => {
    const db = await openTestDb();
    const earlier = await fixtureDecks('new_deck.apkg');
    const card = earlier[0]!.cards[1]!;
    const lastAnki = card.reviews.at(-1)!;
    card.reviews = card.reviews.slice(0, -1);
    await importAnkiDecks(db, earlier, NOW);
    // Studied in Rehearse after the first import, before the later Anki answer... 
    const row = (await db.cardStates.get(card.id))!;
    const at = lastAnki.reviewedAt - 2 * DAY;
    await recordReview(db, { cardId: card.id, rating: 3, now: at, durationMs: 4000, expectedStateVersion: row.version });
    // ...and one after it.
    const row2 = (await db.cardStates.get(card.id))!;
    await recordReview(db, { cardId: card.id, rating: 2, now: lastAnki.reviewedAt + DAY, durationMs: 4000, expectedStateVersion: row2.version });
    const report = await importAnkiDecks(db, await fixtureDecks('new_deck.apkg'), NOW + DAY);
    expect(report).toMatchObject({ reviewsAdded: 1, reviewsAlreadyThere: 22 });
    const log = (await db.reviews.where('cardId').equals(card.id).toArray()).sort((a, b) => a.reviewedAt - b.reviewedAt);
    expect(log.map((r) => [r.rating, r.id.startsWith('anki-')])).toEqual([
      [1, true], [2, true], [3, true], [3, true], [3, false], [4, true], [2, false],
    ]);
    // The Anki answer was graded from the state the Rehearse answer before it gave.
    const added = log[5]!;
    expect(added.stateBefore).toEqual(log[4]!.stateAfter);
    const replayed = await replayCards(db, [card.id]);
    expect(replayed[0]!.changed).toBe(false);
    expect(replayed[0]!.regraded).toBe(true);
    await expectSummariesExact(db);
  });

  it('a year of Rehearse answers exported to .apkg comes back with the same answers and states, FSRS agreeing for every card', async () => {
    const source = await openTestDb();
    const deck = makeDeck('prep', QA, 'Interview prep');
    await syncDecks(source, [deck], NOON);
    // Each card answered on its own rhythm for a year (Again now and then), the last at different days.
    const ratings = [3, 3, 2, 3, 1, 3, 4, 3, 3, 2, 3, 3] as const;
    for (const [i, c] of deck.cards.entries()) {
      let at = NOON + i * HOUR;
      for (let n = 0; n < 8 + i; n++) {
        const row = (await source.cardStates.get(c.id))!;
        const rating = ratings[(n + i) % ratings.length]!;
        await recordReview(source, { cardId: c.id, rating, now: at, durationMs: 2000 + n, expectedStateVersion: row.version });
        at = Math.max(at + 10 * 60_000, (await source.cardStates.get(c.id))!.schedule.due);
        if (at > NOON + 365 * DAY) break;
      }
    }
    // Two cards end in (re)learning just before the export (its learning dues are then still ahead):
    // one forgotten, one new and answered once.
    const exportedAt = NOON + 366 * DAY;
    const lapsed = (await source.cardStates.get(deck.cards[0]!.id))!;
    await recordReview(source, { cardId: lapsed.cardId, rating: 1, now: exportedAt - 5 * 60_000, durationMs: 9000, expectedStateVersion: lapsed.version });
    const extra = makeDeck('prep', [...QA, ['What is a mutex?', 'A lock that lets one thread at a time into a section.']], 'Interview prep');
    await syncDecks(source, [extra], exportedAt - DAY);
    const late = (await source.cardStates.get(extra.cards[5]!.id))!;
    await recordReview(source, { cardId: late.cardId, rating: 3, now: exportedAt - HOUR, durationMs: 4000, expectedStateVersion: late.version });
    const data = await readDeckForExport(source, 'prep');
    const bytes = await buildApkg(
      { deck: { id: 'prep', title: data.deck.title }, cards: data.cards, states: data.states, logs: data.logs },
      { SQL, zip: zipSync, renderHtml: renderCardMarkdown },
      { now: exportedAt },
    );
    const decks = ankiPackageToDecks(readAnkiPackage(bytes, 'prep.apkg', { SQL }), 'prep.apkg').decks;
    const db = await openTestDb();
    const report = await importAnkiDecks(db, decks, exportedAt);
    expect(report.reviewsAdded).toBe(data.logs.length);
    expect(report.fsrs).toEqual({ compared: 6, matching: 6 });
    // Imported again, nothing is added and the figure is the same.
    const decksAgain = ankiPackageToDecks(readAnkiPackage(bytes, 'prep.apkg', { SQL }), 'prep.apkg').decks;
    expect(await importAnkiDecks(db, decksAgain, exportedAt + HOUR)).toMatchObject({ reviewsAdded: 0, cardsUpdated: 0, fsrs: { compared: 6, matching: 6 } });
    const original = new Map(data.states.map((s) => [data.cards.find((c) => c.id === s.cardId)!.front, s.schedule]));
    for (const c of decks[0]!.cards) {
      const back = (await db.cardStates.get(c.id))!.schedule;
      const before = original.get(c.front)!;
      expect(back).toEqual(before);
    }
    await expectSummariesExact(db);
  });

  it('replays again a card answered in Rehearse after its replay was worked out, before the write', async () => {
    const db = await openTestDb();
    const earlier = await fixtureDecks('new_deck.apkg');
    const card = earlier[0]!.cards[1]!;
    const lastAnki = card.reviews.at(-1)!;
    card.reviews = card.reviews.slice(0, -1);
    await importAnkiDecks(db, earlier, NOW);
    // The replays of the re-import are worked out first; an answer lands before its write transaction starts.
    const open = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    let answered = false;
    (db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = async (...args: unknown[]) => {
      if (args[0] === 'rw' && !answered && (args[1] as unknown[]).length > 4) {
        answered = true;
        const row = (await db.cardStates.get(card.id))!;
        await recordReview(db, { cardId: card.id, rating: 2, now: lastAnki.reviewedAt + DAY, durationMs: 4000, expectedStateVersion: row.version });
      }
      return open(...args);
    };
    const report = await importAnkiDecks(db, await fixtureDecks('new_deck.apkg'), NOW + DAY);
    expect(answered).toBe(true);
    expect(report).toMatchObject({ reviewsAdded: 1, reviewsAlreadyThere: 22 });
    const log = (await db.reviews.where('cardId').equals(card.id).toArray()).sort((a, b) => a.reviewedAt - b.reviewedAt);
    // The card's state is the replay of its whole log, the Rehearse answer included (graded again
    // after the Anki answer before it), not the replay worked out before that answer landed.
    expect(log.map((r) => r.id.startsWith('anki-'))).toEqual([true, true, true, true, true, false]);
    const later = (await fixtureDecks('new_deck.apkg'))[0]!;
    const withoutIt = replayAnkiCard(later.cards.find((c) => c.id === card.id)!, later.anki.collectionCreated, SETTINGS).schedule;
    const state = (await db.cardStates.get(card.id))!.schedule;
    expect(state.reps).toBe(withoutIt.reps + 1);
    expect(state.due).toBeGreaterThan(log.at(-1)!.reviewedAt);
    const replayed = await replayCards(db, [card.id]);
    expect(replayed.filter((r) => r.changed)).toEqual([]);
    await expectSummariesExact(db);
  });
});

