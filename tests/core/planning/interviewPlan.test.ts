import { describe, expect, it } from 'vitest';
import {
  buildDailyQueue,
  dayProgressFromAnswers,
  gradeOutcomes,
  nextCard,
  Rating,
  State,
  type Grade,
  type QueueCard,
  type SchedulerSettings,
} from '../../../src/core/scheduling/index.ts';
import {
  capDueForInterview,
  capOutcomesForInterview,
  planInterview,
  recallAt,
  type InterviewDate,
} from '../../../src/core/planning/interviewPlan.ts';
import { replaySchedule } from '../../../src/core/sync/replay.ts';
import { seededRandom } from '../../../src/core/random.ts';
import { card, DAY, HOUR, NOON, scheduleIn, testSettings } from '../scheduling/factories.ts';

function newDeck(n: number, deckId = 'd1'): QueueCard[] {
  return Array.from({ length: n }, (_, i) => card(State.New, NOON - DAY, { cardId: `${deckId}-${i}`, deckId, position: i }));
}

/**
 * A month of evenings: each day at 19:00 UTC the deck's queue is built as the app builds it (the
 * plan's new cards for today, the interview's pull-forward), every card answered with a seeded
 * random draw against its true recall, graded with the app's own outcomes (capped as the review
 * screen caps them), until nothing is left that day.
 */
function simulate(opts: { cards: QueueCard[]; settings: SchedulerSettings; interview?: InterviewDate; start: number; days: number; seed: number }) {
  const { settings, interview } = opts;
  const cards = new Map(opts.cards.map((c) => [c.cardId, { ...c }]));
  const random = seededRandom(opts.seed);
  const plans: ReturnType<typeof planInterview>[] = [];
  for (let d = 0; d < opts.days; d++) {
    let now = opts.start + d * DAY;
    if (interview && now >= interview.at) break;
    const answers: Array<{ deckId: string; stateBefore: { state: State } }> = [];
    const plan = interview && now < interview.at ? planInterview({ cards: [...cards.values()], settings, interview, now, timeZone: 0 }) : undefined;
    if (plan) plans.push(plan);
    for (let step = 0; step < 5000; step++) {
      const queue = buildDailyQueue(cards.values(), {
        now,
        settings,
        progress: dayProgressFromAnswers(answers),
        scope: 'd1',
        timeZone: 0,
        ...(plan ? { newCardsToday: { d1: plan.newToday }, interviews: { d1: interview! } } : {}),
      });
      const next = nextCard(queue, now);
      if (next.kind === 'done') break;
      if (next.kind === 'wait') {
        now = next.until;
        continue;
      }
      const row = cards.get(next.item.cardId)!;
      const p = row.schedule.state === State.Review ? recallAt(row.schedule, now, settings) : 0.85;
      const rating: Grade = random() < p ? (random() < 0.15 ? Rating.Hard : Rating.Good) : Rating.Again;
      const outcomes = capOutcomesForInterview(gradeOutcomes(row.schedule, now, settings), now, queue.interviews?.d1, settings, 0);
      answers.push({ deckId: row.deckId, stateBefore: { state: row.schedule.state } });
      row.schedule = outcomes[rating].state;
      row.version++;
      now += 20_000;
    }
  }
  return { cards: [...cards.values()], plans };
}

const settings = testSettings();

describe('planInterview', () => {
  it('spreads new cards so each is seen twice before the date, within the limit', () => {
    const interview = { at: NOON + 20 * DAY - 2 * HOUR, target: 0.9 }; // day 20, 10:00
    const plan = planInterview({ cards: newDeck(150), settings, interview, now: NOON + 7 * HOUR, timeZone: 0 });
    expect(plan.shortfall).toBeUndefined();
    // Days 0..19 studied (the date's own 10:00 session is not before 10:00): 18 days may introduce.
    expect(plan.days).toHaveLength(20);
    expect(plan.days.reduce((n, d) => n + d.newCards, 0)).toBe(150);
    expect(plan.newPerDay).toBeLessThanOrEqual(settings.newCardsPerDay);
    expect(plan.newToday).toBe(9); // ceil(150 / 18)
    expect(plan.days.slice(-2).every((d) => d.newCards === 0)).toBe(true);
    expect(plan.readiness).toBe(0);
    // The forecast climbs as cards are learned, and today's session helps.
    expect(plan.forecast).toBeGreaterThan(0.9);
    expect(plan.days[0]!.recall).toBeGreaterThan(plan.days[0]!.recallWithoutToday);
  });

  // A target above the collection's desired retention (0.9) is what the caps are for: ordinary
  // intervals let recall fall to 0.9 before each review, so many cards would be below 0.95.
  it('meets the target at the date on at least 95% of cards over a simulated month', () => {
    for (const seed of [1, 2, 3]) {
      const interview = { at: NOON + 30 * DAY - 2 * HOUR, target: 0.95 };
      const { cards, plans } = simulate({ cards: newDeck(300), settings, interview, start: NOON + 7 * HOUR, days: 31, seed });
      expect(plans[0]!.shortfall).toBeUndefined();
      const ready = cards.filter((c) => recallAt(c.schedule, interview.at, settings) >= interview.target).length;
      expect(ready / cards.length).toBeGreaterThanOrEqual(0.95);
      expect(cards.every((c) => c.schedule.reps >= 3)).toBe(true); // introduced, then reviewed twice at least
    }
  });

  it('without the date, the same month leaves the deck short of that target', () => {
    const at = NOON + 30 * DAY - 2 * HOUR;
    const { cards } = simulate({ cards: newDeck(300), settings, start: NOON + 7 * HOUR, days: 30, seed: 1 });
    const ready = cards.filter((c) => recallAt(c.schedule, at, settings) >= 0.95).length;
    expect(ready / cards.length).toBeLessThan(0.8);
  });

  it('says precisely when the limits cannot fit the new cards', () => {
    const interview = { at: NOON + 6 * DAY - 2 * HOUR, target: 0.9 }; // six days: today, 5 more, the date at 10:00
    const plan = planInterview({ cards: newDeck(100), settings, interview, now: NOON + 7 * HOUR, timeZone: 0 });
    // 6 study days, 4 that leave two days of review: 20 a day fits 80.
    expect(plan.shortfall).toEqual({ cards: 20, neededPerDay: 25, message: '20 cards will not be seen twice — raise the limit to 25 a day.' });
    const raised = planInterview({ cards: newDeck(100), settings: testSettings({ newCardsPerDay: 25, newCardsPerDayAllDecks: 25 }), interview, now: NOON + 7 * HOUR, timeZone: 0 });
    expect(raised.shortfall).toBeUndefined();
    expect(raised.newToday).toBe(25);
  });

  it('counts new cards introduced earlier today against the limit', () => {
    const interview = { at: NOON + 6 * DAY - 2 * HOUR, target: 0.9 };
    const plan = planInterview({ cards: newDeck(70), settings, interview, now: NOON + 7 * HOUR, newDoneToday: 15, timeZone: 0 });
    expect(plan.newToday).toBe(20); // 15 done + 5 left of today's 20
    // Today's 5 and 20 on each of the next 3 days fit 65 of the 70.
    expect(plan.shortfall).toEqual({ cards: 5, neededPerDay: 22, message: '5 cards will not be seen twice — raise the limit to 22 a day.' });
  });

  it('says the date is too close when no day leaves two reviews', () => {
    const interview = { at: NOON + DAY + 10 * HOUR, target: 0.9 }; // tomorrow 22:00
    const plan = planInterview({ cards: newDeck(12), settings, interview, now: NOON + 7 * HOUR, timeZone: 0 });
    expect(plan.shortfall?.message).toBe('The interview is too close: 12 new cards cannot be seen twice before it (a card needs its first day and two more).');
    expect(plan.newToday).toBe(12); // still introduced at the ordinary limit
  });
});

describe('capDueForInterview', () => {
  const interview = { at: NOON + 10 * DAY, target: 0.9 };
  const longInterval = { ...scheduleIn(State.Review, NOON + 40 * DAY), stability: 8, lastReview: NOON, scheduledDays: 40 };

  it('moves only the due date of an interval that jumps past the date', () => {
    const capped = capDueForInterview(longInterval, NOON, interview, settings, 0);
    expect(capped.due).toBeLessThan(interview.at);
    expect(recallAt({ ...capped }, capped.due, settings)).toBeGreaterThanOrEqual(0.9);
    expect({ ...capped, due: 0, scheduledDays: 0 }).toEqual({ ...longInterval, due: 0, scheduledDays: 0 });
  });

  it('changes nothing without a date, after the date, or when recall at the date is already enough', () => {
    expect(capDueForInterview(longInterval, NOON, undefined, settings, 0)).toBe(longInterval);
    expect(capDueForInterview(longInterval, NOON + 11 * DAY, interview, settings, 0)).toBe(longInterval);
    const strong = { ...longInterval, stability: 400 };
    expect(capDueForInterview(strong, NOON, interview, settings, 0)).toBe(strong);
    const outcomes = gradeOutcomes(longInterval, NOON + 11 * DAY, settings);
    expect(capOutcomesForInterview(outcomes, NOON + 11 * DAY, interview, settings, 0)).toBe(outcomes);
  });

  it('a capped grade replays to the same state from the log', () => {
    const before = { ...longInterval, due: NOON };
    const outcome = capOutcomesForInterview(gradeOutcomes(before, NOON, settings), NOON, interview, settings, 0)[Rating.Good];
    expect(outcome.state.due).toBeLessThan(interview.at);
    const entry = { id: 'r1', kind: 'grade' as const, rating: Rating.Good, at: NOON, before, after: outcome.state };
    expect(replaySchedule([entry], before, settings)).toEqual(outcome.state);
  });
});

describe('the daily queue', () => {
  it('is the same for a deck without a date whatever other decks plan', () => {
    const cards = [...newDeck(30, 'd1'), ...newDeck(30, 'd2')];
    const wide = testSettings({ newCardsPerDayAllDecks: 100 });
    const base = { now: NOON, settings: wide, progress: dayProgressFromAnswers([]), scope: 'all' as const, timeZone: 0 };
    const plain = buildDailyQueue(cards, base);
    const withOther = buildDailyQueue(cards, { ...base, newCardsToday: { d2: 3 }, interviews: { d2: { at: NOON + 5 * DAY, target: 0.9 } } });
    const d1 = (q: typeof plain) => q.main.filter((i) => i.deckId === 'd1').map((i) => i.cardId);
    expect(d1(withOther)).toEqual(d1(plain));
    expect(withOther.main.filter((i) => i.deckId === 'd2')).toHaveLength(3);
  });

  it('pulls cards below the target forward on the day before the date', () => {
    const interview = { at: NOON + DAY - 2 * HOUR, target: 0.9 }; // tomorrow 10:00
    const weak = card(State.Review, NOON + 5 * DAY, { cardId: 'weak', schedule: { ...scheduleIn(State.Review, NOON + 5 * DAY), stability: 2, lastReview: NOON - 2 * DAY } });
    const strong = card(State.Review, NOON + 5 * DAY, { cardId: 'strong', schedule: { ...scheduleIn(State.Review, NOON + 5 * DAY), stability: 300, lastReview: NOON - 2 * DAY } });
    const base = { now: NOON, settings, progress: dayProgressFromAnswers([]), scope: 'd1' as const, timeZone: 0 };
    expect(buildDailyQueue([weak, strong], base).main).toHaveLength(0);
    expect(buildDailyQueue([weak, strong], { ...base, interviews: { d1: interview } }).main.map((i) => i.cardId)).toEqual(['weak']);
    // Two days before, nothing is pulled.
    expect(buildDailyQueue([weak, strong], { ...base, interviews: { d1: { ...interview, at: interview.at + DAY } } }).main).toHaveLength(0);
  });
});

