// Property: whatever sequence of answers, undos, imports, bundled syncs, deck deletions, resets,
// suspensions, burials, backup restores, hiding a deck, day-start changes and hours passing (in zones with and
// without summer time, across the 4:00 rollover) the app goes through, the statistics summaries
// equal a full recomputation from the log and the card states, and the statistics screen's
// figures from summaries equal the ones computed from every row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectionStats } from '../../src/core/stats/collectionStats.ts';
import { statsFromSummaries, summarizeAnswers, summarizeCards, summarizeDues, type CardSummary } from '../../src/core/stats/summaries.ts';
import type { TimeZoneOffset } from '../../src/core/scheduling/day.ts';
import { normalizeSettings } from '../../src/core/scheduling/settings.ts';
import { DEFAULT_IMPORT_CHOICES, importDeck, saveSettings, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { buryCard, recordReview, suspendCard, undoLastReview } from '../../src/storage/reviews.ts';
import { resetCard } from '../../src/storage/cardEdits.ts';
import { deleteDeck, setDeckHidden } from '../../src/storage/deckManagement.ts';
import { exportBackup, readBackup, restoreBackup } from '../../src/storage/backup.ts';
import { isLiveAnswer } from '../../src/storage/replayCards.ts';
import { StorageError } from '../../src/storage/errors.ts';
import { loadStatsSummaries } from '../../src/storage/statsQueries.ts';
import { studyDayOf } from '../../src/core/scheduling/day.ts';
import { HOUR, MIN, NOON, QA, freshFactory, makeDeck, openTestDb } from './helpers.ts';

const RUNS = Number(process.env.SUMMARY_RUNS ?? 12);

const BUNDLED = makeDeck('bundled', QA, 'Interview basics');
const NOTES = [
  makeDeck('notes', [
    ['What is a mutex?', 'A lock only one thread holds at a time.'],
    ['What is a semaphore?', 'A counter of permits.'],
    ['What is a deadlock?', 'Each waits for the other, forever.'],
  ]),
  // The same note edited: one card gone (hidden with its history), one new.
  makeDeck('notes', [
    ['What is a mutex?', 'A lock only one thread holds at a time.'],
    ['What is a livelock?', 'Everyone keeps moving and nobody gets anywhere.'],
  ]),
];

/** Summer time every other week, an hour ahead: days are cut at moving instants. */
const summerTime: TimeZoneOffset = (t) => (Math.floor(t / (7 * 24 * HOUR)) % 2 ? 120 : 60);
const ZONES: Array<{ tz: TimeZoneOffset; id?: string }> = [{ tz: 0 }, { tz: -300 }, { tz: summerTime, id: 'test/summer' }, { tz: 330 }];

type Op =
  | { kind: 'answer'; card: number; rating: 1 | 2 | 3 | 4; seconds: number }
  | { kind: 'undo' }
  | { kind: 'import'; note: number }
  | { kind: 'delete' }
  | { kind: 'reset'; card: number }
  | { kind: 'suspend'; card: number; on: boolean }
  | { kind: 'bury'; card: number }
  | { kind: 'restore' }
  | { kind: 'hide'; hidden: boolean }
  | { kind: 'dayStart'; hour: number }
  | { kind: 'wait'; minutes: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('answer' as const), card: fc.nat(20), rating: fc.constantFrom(1, 2, 3, 4 as const), seconds: fc.nat(90) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), note: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), card: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('suspend' as const), card: fc.nat(20), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bury' as const), card: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
  // A hidden deck leaves the all-decks figures (its cards stay, and count for the deck alone).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hide' as const), hidden: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dayStart' as const), hour: fc.constantFrom(0, 4, 23) }) },
  // Minutes to days: answers fall before and after 4:00, and on days across a zone change.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.oneof(fc.nat(90), fc.integer({ min: 60, max: 3 * 24 * 60 })) }) },
);

async function apply(db: RehearseDb, o: Op, now: number): Promise<void> {
  const states = (await db.cardStates.toArray()).filter((s) => !s.hidden);
  const pick = (i: number) => (states.length ? states[i % states.length]! : undefined);
  switch (o.kind) {
    case 'answer': {
      const s = pick(o.card);
      if (s) await recordReview(db, { cardId: s.cardId, rating: o.rating, now, durationMs: o.seconds * 1000, expectedStateVersion: s.version });
      return;
    }
    case 'undo':
      if ((await db.reviews.toArray()).some(isLiveAnswer)) await undoLastReview(db, undefined, now);
      return;
    case 'import':
      await importDeck(db, NOTES[o.note]!, DEFAULT_IMPORT_CHOICES, now);
      return;
    case 'delete':
      if (await db.decks.get('notes')) await deleteDeck(db, 'notes', now);
      return;
    case 'reset': {
      const s = pick(o.card);
      if (s) await resetCard(db, s.cardId, now);
      return;
    }
    case 'suspend': {
      const s = pick(o.card);
      if (s) await suspendCard(db, s.cardId, o.on, now);
      return;
    }
    case 'bury': {
      const s = pick(o.card);
      if (s && !s.suspended) await buryCard(db, s.cardId, now);
      return;
    }
    case 'restore': {
      // Replace everything with a backup of itself: every row deleted and written again.
      const backup = readBackup(await (await exportBackup(db, now)).text());
      await restoreBackup(db, backup, { mode: 'replace' });
      return;
    }
    case 'hide':
      if (await db.decks.get('notes')) await setDeckHidden(db, 'notes', o.hidden, now);
      return;
    case 'dayStart':
      await saveSettings(db, { dayStartHour: o.hour }, now);
      return;
    case 'wait':
      return;
  }
}

const studyDays = (logs: Array<{ reviewedAt: number }>, dayStartHour: number, tz: TimeZoneOffset | undefined) =>
  new Set(logs.map((r) => studyDayOf(r.reviewedAt, dayStartHour, tz)));

/** An undo after the card changed again is refused by design (stale-state): it must then change nothing. */
async function refusedOrDone(write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!(error instanceof StorageError && error.code === 'stale-state')) throw error;
  }
}

const nonEmptyCards = (rows: Iterable<CardSummary>) =>
  [...rows].filter((r) => r.total !== 0 || r.memory !== 0).sort((a, b) => a.deckId.localeCompare(b.deckId));

/** Summaries in the database against a full recomputation, and the screen's figures both ways. */
async function check(db: RehearseDb, now: number): Promise<void> {
  // The screen's read first: it counts the log again if the day start or the zone changed.
  const decks = ['all', 'bundled', 'notes'];
  const fromSummaries = await Promise.all(decks.map((scope) => loadStatsSummaries(db, { scope, days: 30, now })));
  const settings = normalizeSettings((await db.settings.get('scheduler'))?.value as object);
  const live = (await db.reviews.toArray()).filter(isLiveAnswer);
  const expectedDays = [...summarizeAnswers(live, settings.dayStartHour, db.timeZone).values()].sort((a, b) =>
    a.deckId === b.deckId ? a.day - b.day : a.deckId.localeCompare(b.deckId),
  );
  expect(await db.daySummaries.toArray()).toEqual(expectedDays);
  const states = await db.cardStates.toArray();
  const byKey = (a: { deckId: string; day: number }, b: { deckId: string; day: number }) => (a.deckId === b.deckId ? a.day - b.day : a.deckId.localeCompare(b.deckId));
  expect(await db.dueDays.toArray()).toEqual([...summarizeDues(states, settings.dayStartHour, db.timeZone).values()].sort(byKey));
  expect(nonEmptyCards(await db.cardSummaries.toArray())).toEqual(nonEmptyCards(summarizeCards(await db.cardStates.toArray()).values()));

  for (const [i, scope] of decks.entries()) {
    const clock = { now, days: 30, dayStartHour: settings.dayStartHour, timeZone: db.timeZone };
    // The full recomputation: every live answer of the scope, every card state whole.
    const hidden = new Set((await db.decks.toArray()).filter((d) => d.hidden).map((d) => d.id));
    const inScope = (deckId: string) => (scope === 'all' ? !hidden.has(deckId) : deckId === scope);
    const expected = collectionStats(
      {
        logs: live.filter((r) => scope === 'all' || r.deckId === scope),
        cards: (await db.cardStates.toArray()).filter((c) => inScope(c.deckId)),
        studiedBefore: studyDays(live.filter((r) => scope === 'all' || r.deckId === scope), settings.dayStartHour, db.timeZone),
        desiredRetention: settings.desiredRetention,
      },
      clock,
    );
    const actual = statsFromSummaries(fromSummaries[i]!.input, clock);
    // Means are kept as sums of rounded values, the stability median from fine bins: close, not equal.
    const { stability: es, difficulty: ed, ...restExpected } = expected;
    const { stability: as, difficulty: ad, ...restActual } = actual;
    expect(restActual).toEqual(restExpected);
    expect(as.buckets).toEqual(es.buckets);
    expect(ad.buckets).toEqual(ed.buckets);
    expect(as.count).toBe(es.count);
    if (es.count) {
      expect(as.mean!).toBeCloseTo(es.mean!, 2);
      expect(ad.mean!).toBeCloseTo(ed.mean!, 5);
      expect(Math.abs(as.median! - es.median!)).toBeLessThanOrEqual(0.02 * es.median! + 0.01);
    }
  }
}

describe('statistics summaries', () => {
  it('equal a full recomputation after any sequence of writes, in any zone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ZONES), fc.array(op, { minLength: 5, maxLength: 40 }), async (zone, ops) => {
        const db = await openTestDb(freshFactory(), 'summaries', { timeZone: zone.tz, ...(zone.id ? { timeZoneId: zone.id } : {}) });
        try {
          // 3:50 local-ish: the first waits cross the 4:00 rollover.
          let now = NOON - 8 * HOUR - 10 * MIN;
          await syncDecks(db, [BUNDLED], now);
          for (const [i, o] of ops.entries()) {
            if (o.kind === 'wait') now += o.minutes * MIN;
            else now += MIN;
            await refusedOrDone(apply(db, o, now));
            if (i % 8 === 7) await check(db, now);
          }
          await check(db, now);
        } finally {
          db.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 240_000);
});
