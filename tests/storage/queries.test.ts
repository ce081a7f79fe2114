// The queue and the deck-list counts read only part of the due cards (learning cards, reviews up
// to the day's cap, keys for counts). On generated collections they must equal what the pure
// queue code gives from every card state, read in full.
import { describe, expect, it } from 'vitest';
import {
  buildDailyQueue,
  classifyCard,
  deckCountsFromCards,
  State,
  type DeckCounts,
  type QueueCard,
  type QueueScope,
  type ScheduleState,
} from '../../src/core/scheduling/index.ts';
import {
  dayProgress,
  deckCounts,
  loadSettings,
  saveSettings,
  studyQueue,
  withIndexFields,
  type RehearseDb,
  type StoredCardState,
  type StoredDeck,
  type StoredReviewLog,
} from '../../src/storage/index.ts';
import { DAY, HOUR, MIN, NOON, openTestDb, queueCardsOf } from './helpers.ts';

/** Mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_END = Date.UTC(2024, 5, 11, 4); // day start hour 4, zone 0
const DAY_START = DAY_END - DAY;

function schedule(state: State, due: number): ScheduleState {
  return {
    due,
    stability: state === State.New ? 0 : 5,
    difficulty: state === State.New ? 0 : 5,
    elapsedDays: 0,
    scheduledDays: state === State.Review ? 5 : 0,
    learningSteps: 0,
    reps: state === State.New ? 0 : 3,
    lapses: 0,
    state,
    lastReview: state === State.New ? null : due - 5 * DAY,
  };
}

function answer(deckId: string, n: number, state: State, reviewedAt: number): StoredReviewLog {
  const before = schedule(state, reviewedAt - DAY);
  return {
    id: `${deckId}/answered-${n}@${reviewedAt}`,
    cardId: `${deckId}/answered-${n}`,
    deckId,
    rating: 3,
    reviewedAt,
    durationMs: 1000,
    stateBefore: before,
    stateAfter: before,
    versionAfter: 1,
    fsrsLog: { rating: 3, state, due: before.due, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: reviewedAt },
  };
}

interface Shape {
  decks: number;
  /** Cards per deck, by deck index (cycled). */
  sizes: number[];
  hiddenDeck: boolean;
}

/** A collection: several decks (one hidden), every kind of state, due times on a coarse grid so many tie. */
async function seed(db: RehearseDb, rnd: () => number, shape: Shape): Promise<void> {
  const decks: StoredDeck[] = [];
  const states: StoredCardState[] = [];
  const logs: StoredReviewLog[] = [];
  for (let d = 0; d < shape.decks; d++) {
    const id = `deck-${String.fromCharCode(97 + ((d * 7) % 26))}${d}`;
    const size = shape.sizes[d % shape.sizes.length]!;
    decks.push({
      id,
      title: id,
      source: `${id}.md`,
      layouts: ['markdown'],
      order: shape.decks - d, // list order differs from id order
      cardCount: size,
      hidden: shape.hiddenDeck && d === 1,
      syncedAt: NOON,
    });
    for (let i = 0; i < size; i++) {
      const r = rnd();
      let s: ScheduleState;
      if (r < 0.35) s = schedule(State.New, NOON - 30 * DAY);
      else if (r < 0.5) {
        // Learning or relearning: due earlier today, later today (after now), or tomorrow.
        const when = [NOON - 2 * HOUR, NOON - 5 * MIN, NOON + 10 * MIN, NOON + 3 * HOUR, DAY_END - 1, DAY_END, DAY_END + HOUR];
        s = schedule(rnd() < 0.5 ? State.Learning : State.Relearning, when[Math.floor(rnd() * when.length)]!);
      } else {
        // Reviews: overdue by a few days, due today, just before and at the day's end, or later.
        const k = Math.floor(rnd() * 14) - 8; // -8 … 5 (×6 h from noon)
        s = schedule(State.Review, k === 4 ? DAY_END - 1 : k === 5 ? DAY_END : NOON + k * 6 * HOUR);
      }
      const flag = rnd();
      states.push(
        withIndexFields({
          // Card ids not in position order, so index order and deck order differ.
          cardId: `${id}/${((i * 37) % size).toString(36).padStart(3, '0')}-${i}`,
          deckId: id,
          schedule: s,
          version: 1,
          position: size - i,
          suspended: flag < 0.05,
          hidden: flag >= 0.05 && flag < 0.08,
          // Buried today, buried in the past (over), or not buried.
          buriedUntil: flag >= 0.08 && flag < 0.16 ? DAY_END : flag >= 0.16 && flag < 0.2 ? NOON - HOUR : 0,
        }),
      );
    }
    // Today's answers in some decks (new cards introduced, reviews done); yesterday's count for nothing.
    const answered = Math.floor(rnd() * 12);
    for (let i = 0; i < answered; i++) logs.push(answer(id, i, rnd() < 0.5 ? State.New : State.Review, DAY_START + HOUR + i * MIN));
    logs.push(answer(id, answered, State.Review, DAY_START - HOUR));
  }
  await db.decks.bulkPut(decks);
  await db.cardStates.bulkPut(states);
  await db.reviews.bulkAdd(logs);
}

/** The queue's inputs read the old way: every card state of the visible decks in scope. */
async function fullRead(db: RehearseDb, scope: QueueScope, now: number) {
  const settings = await loadSettings(db);
  const progress = await dayProgress(db, now, settings);
  const decks = (await db.decks.toArray()).filter((d) => !d.hidden && (scope === 'all' || d.id === scope));
  const order = new Map(decks.map((d) => [d.id, d.order]));
  const cards: QueueCard[] = queueCardsOf(await db.cardStates.toArray(), order);
  return { settings, progress, decks, cards, opts: { now, settings, progress, timeZone: 0 } };
}

async function expectedQueue(db: RehearseDb, scope: QueueScope, now: number) {
  const { cards, opts } = await fullRead(db, scope, now);
  return buildDailyQueue(cards, { ...opts, scope });
}

async function expectedCounts(db: RehearseDb, now: number) {
  const { cards, decks, opts } = await fullRead(db, 'all', now);
  const counts = deckCountsFromCards(cards, opts);
  for (const d of decks) counts.byDeck[d.id] ??= { new: 0, learning: 0, due: 0 };
  return counts;
}

const SHAPES: Shape[] = [
  { decks: 6, sizes: [80, 5, 40, 0, 120, 12], hiddenDeck: true },
  { decks: 3, sizes: [200], hiddenDeck: false },
  { decks: 8, sizes: [30, 60], hiddenDeck: true },
];
/** `capsHit`: some deck has more reviews due than its cap allows. */
const LIMITS = [
  { newCardsPerDay: 5, maxReviewsPerDay: 12, capsHit: true },
  { newCardsPerDay: 3, maxReviewsPerDay: 4, capsHit: true },
  { newCardsPerDay: 20, maxReviewsPerDay: 200, capsHit: false }, // the defaults: caps far away
  { newCardsPerDay: 0, maxReviewsPerDay: 0, capsHit: true },
  { newCardsPerDay: 9, maxReviewsPerDay: 25, capsHit: true },
  // Overall limits below and above the per-deck ones, new cards of the decks mixed.
  { newCardsPerDay: 5, newCardsPerDayAllDecks: 12, maxReviewsPerDay: 12, maxReviewsPerDayAllDecks: 30, newCardGatherOrder: 'random' as const, capsHit: true },
  { newCardsPerDay: 9, newCardsPerDayAllDecks: 4, maxReviewsPerDay: 25, maxReviewsPerDayAllDecks: 10, newCardGatherOrder: 'random' as const, capsHit: true },
  { newCardsPerDay: 6, newCardsPerDayAllDecks: 3, maxReviewsPerDay: 30, maxReviewsPerDayAllDecks: 7, capsHit: true },
];

describe('studyQueue and deckCounts read part of the due cards', () => {
  for (const [s, shape] of SHAPES.entries()) {
    for (const [l, limits] of LIMITS.entries()) {
      it(`equal the full read: collection ${s}, limits ${l}: ${limits.newCardsPerDay}/${limits.maxReviewsPerDay}`, async () => {
        const db = await openTestDb(undefined, `q-${s}-${l}`);
        const { capsHit: _, ...caps } = limits;
        // Without overall limits of its own, an entry keeps all decks to the per-deck values.
        const overall = { newCardsPerDayAllDecks: caps.newCardsPerDay, maxReviewsPerDayAllDecks: caps.maxReviewsPerDay };
        await saveSettings(db, { ...(await loadSettings(db)), ...overall, ...caps, enableFuzz: false, dayStartHour: 4 });
        await seed(db, random(1000 * s + l + 1), shape);
        const decks = await db.decks.toArray();
        let capped = 0;
        for (const scope of ['all', ...decks.map((d) => d.id), 'no-such-deck']) {
          const { queue } = await studyQueue(db, scope, NOON);
          const expected = await expectedQueue(db, scope, NOON);
          expect(queue, scope).toEqual(expected);
          // A deck with more reviews due than its cap allows today.
          const { cards } = await fullRead(db, scope, NOON);
          const dueReviews = cards.filter((c) => classifyCard(c, NOON, DAY_END) === 'review').length;
          if (scope !== 'all' && dueReviews > expected.main.filter((i) => i.schedule.state === State.Review).length) capped++;
        }
        expect(await deckCounts(db, NOON)).toEqual(await expectedCounts(db, NOON));
        expect(capped > 0).toBe(limits.capsHit);
        db.close();
      });
    }
  }

  it('hits the caps, skips buried and hidden-deck rows, and pages past ties', async () => {
    // One visible deck whose first due reviews are buried, all due at the same millisecond, and a
    // hidden deck holding the earliest reviews of all: the first page is entirely skipped.
    const db = await openTestDb(undefined, 'q-paging');
    await saveSettings(db, { ...(await loadSettings(db)), newCardsPerDay: 2, maxReviewsPerDay: 5, newCardsPerDayAllDecks: 2, maxReviewsPerDayAllDecks: 5, enableFuzz: false });
    const deck = (id: string, order: number, hidden: boolean): StoredDeck => ({
      id, title: id, source: `${id}.md`, layouts: ['markdown'], order, cardCount: 0, hidden, syncedAt: NOON,
    });
    await db.decks.bulkPut([deck('a', 0, false), deck('b', 1, true), deck('c', 2, false)]);
    const row = (deckId: string, n: number, due: number, buriedUntil = 0, state = State.Review) =>
      withIndexFields({
        cardId: `${deckId}/${String(n).padStart(3, '0')}`,
        deckId,
        schedule: schedule(state, due),
        version: 1,
        position: n,
        suspended: false,
        hidden: false,
        buriedUntil,
      });
    const rows: StoredCardState[] = [];
    for (let n = 0; n < 30; n++) rows.push(row('b', n, NOON - 3 * DAY)); // hidden deck, earliest
    for (let n = 0; n < 8; n++) rows.push(row('a', n, NOON - 2 * DAY, n % 2 ? DAY_END : 0)); // ties, half buried
    for (let n = 0; n < 8; n++) rows.push(row('c', n, NOON - 2 * DAY)); // same due as deck a
    for (let n = 8; n < 12; n++) rows.push(row('a', n, NOON - 2 * DAY, DAY_END, State.New)); // buried new cards
    for (let n = 12; n < 15; n++) rows.push(row('a', n, NOON - 2 * DAY, 0, State.New));
    rows.push(row('a', 20, NOON + HOUR, DAY_END, State.Learning), row('a', 21, NOON + HOUR, 0, State.Relearning));
    await db.cardStates.bulkPut(rows);

    const { queue } = await studyQueue(db, 'all', NOON);
    expect(queue).toEqual(await expectedQueue(db, 'all', NOON));
    expect(queue.main.filter((i) => i.schedule.state === State.Review).map((i) => i.cardId)).toEqual([
      'a/000', 'a/002', 'a/004', 'a/006', 'c/000',
    ]);
    expect(queue.learning.map((i) => i.cardId)).toEqual(['a/021']);
    for (const scope of ['a', 'b', 'c']) expect((await studyQueue(db, scope, NOON)).queue).toEqual(await expectedQueue(db, scope, NOON));
    const counts = await deckCounts(db, NOON);
    expect(counts).toEqual(await expectedCounts(db, NOON));
    expect(counts.byDeck).toEqual({
      a: { new: 2, learning: 1, due: 4 } satisfies DeckCounts,
      c: { new: 0, learning: 0, due: 5 },
    });
    expect(counts.total).toEqual({ new: 2, learning: 1, due: 5 });
    db.close();
  });
});
