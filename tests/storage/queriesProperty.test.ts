// Property: on random collections (several decks, one maybe hidden; every state; buried,
// suspended and hidden cards; learning cards due later today and tomorrow; review due times that
// tie; today's answers, undone answers, events and yesterday's answers; daily limits, the day's
// rollover hour and time zones), studyQueue and deckCounts equal a straightforward recomputation
// from every row: the day's progress tallied from all review rows, the queue and the counts from
// all card states through the pure queue code. Written before the reads were rewritten, to show
// the rewrite changes nothing. QUERIES_RUNS sets the number of collections (default 40).
import { describe, expect, it } from 'vitest';
import {
  buildDailyQueue,
  deckCountsFromCards,
  nextCard,
  nextDayStart,
  startOfStudyDay,
  State,
  type DayProgress,
  type QueueCard,
  type QueueScope,
  type ScheduleState,
  type TimeZoneOffset,
} from '../../src/core/scheduling/index.ts';
import { seededRandom } from '../../src/core/random.ts';
import {
  deckCounts,
  deckListData,
  loadSettings,
  saveSettings,
  queueCardIds,
  queueContent,
  studyQueue,
  withIndexFields,
  type RehearseDb,
  type StoredCard,
  type StoredCardState,
  type StoredDeck,
  type StoredReviewLog,
} from '../../src/storage/index.ts';
import { DAY, HOUR, MIN, NOON, openTestDb, queueCardsOf } from './helpers.ts';

const RUNS = Number(process.env.QUERIES_RUNS ?? 40);

type Rand = () => number;
const pick = <T,>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

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

/** A zone: a fixed offset, or one that changes an hour before noon of the test day (a DST-like jump). */
function zone(rand: Rand): TimeZoneOffset {
  const fixed = pick(rand, [0, 60, -300, 330, 540, -600, 765]);
  if (rand() < 0.7) return fixed;
  const jumpAt = NOON - HOUR + int(rand, -12, 12) * HOUR;
  return (t: number) => (t < jumpAt ? fixed : fixed + 60);
}

interface World {
  now: number;
  timeZone: TimeZoneOffset;
  decks: StoredDeck[];
}

async function seed(db: RehearseDb, rand: Rand, world: World, dayStart: number, dayEnd: number): Promise<void> {
  const { now } = world;
  const states: StoredCardState[] = [];
  const cards: StoredCard[] = [];
  const logs: StoredReviewLog[] = [];
  for (const deck of world.decks) {
    const size = pick(rand, [0, 3, 10, 25, 40, 70]);
    // Positions in a shuffled order, so neither card ids nor insertion follow deck order.
    const positions = Array.from({ length: size }, (_, i) => i * 3 + int(rand, 0, 2));
    for (let i = positions.length - 1; i > 0; i--) {
      const j = int(rand, 0, i);
      [positions[i], positions[j]] = [positions[j]!, positions[i]!];
    }
    for (let i = 0; i < size; i++) {
      const r = rand();
      let s: ScheduleState;
      if (r < 0.3) s = schedule(State.New, now - 30 * DAY);
      else if (r < 0.5) {
        // (Re)learning: due earlier today, right now, later today, at the day's end, tomorrow.
        const when = [dayStart - HOUR, now - 2 * HOUR, now - 1, now, now + 5 * MIN, now + 25 * MIN, dayEnd - 1, dayEnd, dayEnd + HOUR];
        s = schedule(rand() < 0.5 ? State.Learning : State.Relearning, pick(rand, when));
      } else {
        // Reviews on a coarse grid, so due times tie: days overdue, today, around the day's end, later.
        const when = [now - 3 * DAY, now - 2 * DAY, now - DAY, dayStart, now - 6 * HOUR, now, now + 3 * HOUR, dayEnd - 1, dayEnd, dayEnd + DAY];
        s = schedule(State.Review, pick(rand, when));
      }
      const flag = rand();
      const cardId = `${deck.id}/${int(rand, 0, 35).toString(36)}${i.toString(36).padStart(2, '0')}`;
      states.push(
        withIndexFields({
          cardId,
          deckId: deck.id,
          schedule: s,
          version: int(rand, 0, 9),
          position: positions[i]!,
          suspended: flag < 0.05,
          hidden: flag >= 0.05 && flag < 0.08,
          // Buried: until tomorrow, until later today, until right now (over), in the past.
          buriedUntil:
            flag >= 0.08 && flag < 0.16 ? dayEnd : flag < 0.19 ? now + HOUR : flag < 0.21 ? now : flag < 0.24 ? now - HOUR : 0,
        }),
      );
      cards.push({
        id: cardId,
        deckId: deck.id,
        front: `Question ${i} of ${deck.id}`,
        back: `Answer ${i}`,
        tags: [],
        kind: 'basic',
        meta: { line: i + 1 },
        position: positions[i]!,
        hidden: false,
      });
    }
    // Answers: today (some undone, some events), at the day's first instant, just before it.
    const answered = int(rand, 0, 14);
    for (let i = 0; i < answered; i++) {
      const before = pick(rand, [State.New, State.New, State.Review, State.Review, State.Learning, State.Relearning]);
      const when = pick(rand, [dayStart, dayStart - 1, dayStart + HOUR, now - MIN, now - 2 * DAY]);
      const kind = rand() < 0.1 ? pick(rand, ['reset', 'reschedule'] as const) : undefined;
      const stateBefore = schedule(before, when - DAY);
      logs.push({
        id: `${deck.id}/log-${i}`,
        cardId: `${deck.id}/answered-${i}`,
        deckId: deck.id,
        ...(kind ? { kind } : {}),
        rating: kind ? 0 : pick(rand, [1, 2, 3, 4] as const),
        reviewedAt: when,
        durationMs: 1000,
        stateBefore,
        stateAfter: stateBefore,
        versionAfter: 1,
        ...(rand() < 0.15 ? { voided: 1 as const } : {}),
        fsrsLog: { rating: 3, state: before, due: when, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: when },
      });
    }
  }
  await db.decks.bulkPut(world.decks);
  await db.cardStates.bulkPut(states);
  await db.cards.bulkPut(cards);
  await db.reviews.bulkAdd(logs);
}

/** The day's progress from every review row: live answers (not undone, not events) since the day began. */
function progressFromAllRows(rows: StoredReviewLog[], dayStart: number): DayProgress {
  const progress: DayProgress = { total: { newDone: 0, reviewsDone: 0 }, byDeck: {} };
  for (const r of rows) {
    if (r.voided || (r.kind ?? 'grade') !== 'grade' || r.rating === 0 || r.reviewedAt < dayStart) continue;
    const deck = (progress.byDeck[r.deckId] ??= { newDone: 0, reviewsDone: 0 });
    if (r.stateBefore.state === State.New) {
      deck.newDone++;
      progress.total.newDone++;
    } else if (r.stateBefore.state === State.Review) {
      deck.reviewsDone++;
      progress.total.reviewsDone++;
    }
  }
  return progress;
}

async function recompute(db: RehearseDb, world: World, scope: QueueScope, dayStart: number) {
  const settings = await loadSettings(db);
  const progress = progressFromAllRows(await db.reviews.toArray(), dayStart);
  const decks = (await db.decks.toArray()).filter((d) => !d.hidden);
  const inScope = decks.filter((d) => scope === 'all' || d.id === scope);
  const order = new Map(inScope.map((d) => [d.id, d.order]));
  const cards: QueueCard[] = queueCardsOf(await db.cardStates.toArray(), order);
  const opts = { now: world.now, settings, progress, timeZone: world.timeZone };
  const queue = buildDailyQueue(cards, { ...opts, scope });
  const content: Record<string, StoredCard> = {};
  for (const item of [...queue.learning, ...queue.main]) content[item.cardId] = (await db.cards.get(item.cardId))!;
  const counts = deckCountsFromCards(cards, opts);
  for (const d of inScope) counts.byDeck[d.id] ??= { new: 0, learning: 0, due: 0 };
  return { queue, content, counts };
}

describe('studyQueue and deckCounts equal a recomputation from every row', () => {
  for (let run = 0; run < RUNS; run++) {
    it(`random collection ${run}`, async () => {
      const rand = seededRandom(7919 * (run + 1));
      const timeZone = zone(rand);
      const dayStartHour = pick(rand, [0, 4, 4, 4, 6, 23]);
      // Now: from the small hours (before the rollover, so still yesterday's study day) to late evening.
      const now = NOON + int(rand, -11, 11) * HOUR + int(rand, 0, 59) * MIN;
      const db = await openTestDb(undefined, `qp-${run}`, { timeZone });
      const newPerDeck = pick(rand, [0, 2, 5, 20]);
      const reviewsPerDeck = pick(rand, [0, 3, 8, 200]);
      await saveSettings(db, {
        ...(await loadSettings(db)),
        enableFuzz: false,
        dayStartHour,
        learnAheadMinutes: pick(rand, [0, 20, 60]),
        newCardsPerDay: newPerDeck,
        maxReviewsPerDay: reviewsPerDeck,
        newCardsPerDayAllDecks: rand() < 0.3 ? newPerDeck : pick(rand, [0, 3, 9, 40]),
        maxReviewsPerDayAllDecks: rand() < 0.3 ? reviewsPerDeck : pick(rand, [0, 5, 12, 500]),
        newCardGatherOrder: rand() < 0.5 ? 'deck' : 'random',
      });
      const decks: StoredDeck[] = Array.from({ length: int(rand, 1, 5) }, (_, d) => ({
        id: `deck-${String.fromCharCode(122 - d * 3)}`,
        title: `Deck ${d}`,
        source: `deck-${d}.md`,
        layouts: ['markdown'],
        // Orders that tie now and then, and differ from id order.
        order: int(rand, 0, 3),
        cardCount: 0,
        hidden: false,
        syncedAt: NOON,
      }));
      // Hidden: gone from the synced decks, or by the user's hand (then listed to show again).
      for (const d of decks) {
        const r = rand();
        if (r < 0.2) d.hidden = true;
        if (r < 0.1) d.userHidden = true;
      }
      const world: World = { now, timeZone, decks };
      const dayStart = startOfStudyDay(now, dayStartHour, timeZone);
      await seed(db, rand, world, dayStart, nextDayStart(now, dayStartHour, timeZone));

      for (const scope of ['all', ...decks.map((d) => d.id), 'no-such-deck']) {
        const expected = await recompute(db, world, scope, dayStart);
        const got = await studyQueue(db, scope, now);
        expect(got.queue, scope).toEqual(expected.queue);
        expect(got.cards, scope).toEqual(expected.content);
        // As the review screen reads it: the same queue with the first few cards' content, then the rest.
        const few = int(rand, 0, 6);
        const first = await studyQueue(db, scope, now, { contentFor: few });
        expect(first.queue, scope).toEqual(expected.queue);
        const order = queueCardIds(first.queue, now);
        expect(Object.keys(first.cards).sort(), scope).toEqual(order.slice(0, few).filter((id) => id in expected.content).sort());
        // The card the screen shows first is among those read first.
        const shown = nextCard(first.queue, now);
        if (few > 0 && shown.kind === 'card' && shown.item.cardId in expected.content) expect(first.cards[shown.item.cardId], scope).toBeDefined();
        const rest = await queueContent(db, order.filter((id) => !(id in first.cards)));
        expect({ ...first.cards, ...rest }, scope).toEqual(expected.content);
      }
      const expected = await recompute(db, world, 'all', dayStart);
      expect(await deckCounts(db, now)).toEqual(expected.counts);
      const byOrder = [...decks].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
      expect(await deckListData(db, now)).toEqual({
        decks: byOrder.filter((d) => !d.hidden),
        hidden: byOrder.filter((d) => d.userHidden),
        byDeck: expected.counts.byDeck,
        total: expected.counts.total,
      });
      db.close();
    });
  }
});
