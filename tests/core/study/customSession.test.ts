import { describe, expect, it } from 'vitest';
import { initialSession, reviewReducer } from '../../../src/core/review/session.ts';
import { gradeCard, newScheduleState, Rating, State, type Grade, type ScheduleState } from '../../../src/core/scheduling/fsrs.ts';
import { normalizeSettings } from '../../../src/core/scheduling/settings.ts';
import { replaySchedule, type ReplayEntry } from '../../../src/core/sync/replay.ts';
import type { QueueCard } from '../../../src/core/scheduling/queue.ts';
import {
  CustomSpecError,
  customQueueIds,
  customSessionTitle,
  formatCustomSpec,
  parseCustomSpec,
  type CustomSpec,
} from '../../../src/core/study/customSession.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A fake clock: noon UTC, study days starting at 04:00 UTC (zone 0), so today's queue ends at 04:00 tomorrow.
const NOW = Date.UTC(2026, 11, 2, 12);
const DAY_END = Date.UTC(2026, 11, 3, 4);
const context = { now: NOW, dayStartHour: 4, timeZone: 0 };

function review(due: number, extra: Partial<ScheduleState> = {}): ScheduleState {
  return { ...newScheduleState(NOW - 30 * DAY), state: State.Review, due, stability: 10, difficulty: 5, reps: 3, lastReview: NOW - 5 * DAY, ...extra };
}

function card(cardId: string, schedule: ScheduleState, extra: Partial<QueueCard> = {}): QueueCard {
  return { cardId, deckId: 'net', schedule, version: 1, position: Number(cardId.replace(/\D/g, '')) || 0, deckOrder: 0, ...extra };
}

const cards: QueueCard[] = [
  card('c1', newScheduleState(NOW)),
  card('c2', newScheduleState(NOW)),
  card('c3', newScheduleState(NOW)),
  card('c4', review(NOW - HOUR)), // due today: in today's queue, not "ahead"
  card('c5', review(DAY_END + 2 * HOUR, { lapses: 4, difficulty: 8 })),
  card('c6', review(DAY_END + DAY + HOUR, { lapses: 1, difficulty: 9 })),
  card('c7', review(DAY_END + 5 * DAY)),
  card('c8', review(DAY_END + HOUR), { suspended: true }),
  card('c9', review(DAY_END + HOUR), { hidden: true }),
  card('c10', review(DAY_END + HOUR, { lapses: 4, difficulty: 9 }), { deckId: 'os', deckOrder: 1, position: 0 }),
];

const spec = (s: Partial<CustomSpec> & Pick<CustomSpec, 'kind'>): CustomSpec => ({ deckId: 'net', reschedule: false, ...s });

describe('customQueueIds', () => {
  it('review ahead: review cards due in the next N study days, soonest first, never today\'s', () => {
    expect(customQueueIds(cards, spec({ kind: 'ahead', days: 1 }), context)).toEqual(['c5']);
    expect(customQueueIds(cards, spec({ kind: 'ahead', days: 2 }), context)).toEqual(['c5', 'c6']);
    expect(customQueueIds(cards, spec({ kind: 'ahead', days: 7, deckId: 'all' }), context)).toEqual(['c10', 'c5', 'c6', 'c7']);
    // A day later the same cards are today's, not ahead.
    expect(customQueueIds(cards, spec({ kind: 'ahead', days: 1 }), { ...context, now: NOW + DAY })).toEqual(['c6']);
  });

  it('forgotten today: the cards graded Again today, once each, in answer order, without suspended ones', () => {
    expect(customQueueIds(cards, spec({ kind: 'forgotten' }), { ...context, forgottenToday: ['c6', 'c4', 'c6', 'c8', 'c10'] })).toEqual(['c6', 'c4']);
    expect(customQueueIds(cards, spec({ kind: 'forgotten' }), context)).toEqual([]);
  });

  it('new beyond the limit: skips the new cards today still shows, then N in deck order', () => {
    expect(customQueueIds(cards, spec({ kind: 'new', count: 5 }), { ...context, newLeftToday: () => 1 })).toEqual(['c2', 'c3']);
    expect(customQueueIds(cards, spec({ kind: 'new', count: 1 }), { ...context, newLeftToday: () => 0 })).toEqual(['c1']);
  });

  it('cram: every studiable card once, in deck order, hardest first, or a seeded random order', () => {
    const all = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    expect(customQueueIds(cards, spec({ kind: 'cram', order: 'deck' }), context)).toEqual(all);
    expect(customQueueIds(cards, spec({ kind: 'cram', order: 'hardest' }), context)).toEqual(['c5', 'c6', 'c4', 'c7', 'c1', 'c2', 'c3']);
    const random = customQueueIds(cards, spec({ kind: 'cram', order: 'random', seed: 7 }), context);
    expect([...random].sort()).toEqual([...all].sort());
    expect(random).not.toEqual(all);
    expect(customQueueIds(cards, spec({ kind: 'cram', order: 'random', seed: 7 }), context)).toEqual(random);
    expect(customQueueIds(cards, spec({ kind: 'cram', order: 'random', seed: 8 }), context)).not.toEqual(random);
  });

  it('search: the matching cards in the browser\'s order, within the deck, without suspended ones', () => {
    const matching = ['c7', 'c8', 'c1', 'c10'];
    expect(customQueueIds(cards, spec({ kind: 'search' }), { ...context, matching })).toEqual(['c7', 'c1']);
    expect(customQueueIds(cards, spec({ kind: 'search', deckId: 'all' }), { ...context, matching })).toEqual(['c7', 'c1', 'c10']);
  });
});

describe('custom spec in the URL', () => {
  it('round-trips every kind', () => {
    const specs: CustomSpec[] = [
      { kind: 'ahead', deckId: 'net', reschedule: true, days: 3 },
      { kind: 'forgotten', deckId: 'all', reschedule: false },
      { kind: 'new', deckId: 'a/b c', reschedule: true, count: 20 },
      { kind: 'cram', deckId: 'net', reschedule: false, order: 'random', seed: 42 },
      { kind: 'search', deckId: 'all', reschedule: false, search: { text: 'tcp "three way"', tag: 'networking', state: 'review', due: 'any', sort: 'due', descending: true } },
    ];
    for (const s of specs) expect(parseCustomSpec(formatCustomSpec(s))).toEqual(s);
  });

  it('takes Anki\'s defaults: cram does not reschedule, review ahead does', () => {
    expect(parseCustomSpec('cram?deck=net')).toEqual({ kind: 'cram', deckId: 'net', reschedule: false, order: 'deck' });
    expect(parseCustomSpec('ahead')).toEqual({ kind: 'ahead', deckId: 'all', reschedule: true, days: 1 });
  });

  it('refuses a link it cannot use, in a sentence', () => {
    expect(() => parseCustomSpec('party')).toThrow(CustomSpecError);
    expect(() => parseCustomSpec('ahead?days=0')).toThrow('The number of days must be a whole number from 1 to 365.');
    expect(() => parseCustomSpec('cram?order=sideways')).toThrow('Cram order must be deck order, random or hardest first.');
  });

  it('names the session', () => {
    expect(customSessionTitle({ kind: 'cram', deckId: 'net', reschedule: false, order: 'hardest' }, 'Networking')).toBe('Cram · Networking · hardest first');
    expect(customSessionTitle({ kind: 'ahead', deckId: 'all', reschedule: true, days: 2 }, 'All decks')).toBe('Review ahead 2 days · All decks');
  });
});

describe('a practice session (reducer) and its log rows (replay)', () => {
  const settings = normalizeSettings({ enableFuzz: false });
  const items = [card('c5', review(DAY_END + HOUR)), card('c6', review(DAY_END + DAY))].map(({ suspended: _s, hidden: _h, buriedUntil: _b, ...i }) => i);
  const queue = { learning: [], main: items, dayEnd: DAY_END, learnAheadMs: 0 };
  const startPractice = () => reviewReducer(initialSession(queue, 's'), { type: 'start', queue, now: NOW, sessionId: 's', practice: true });
  const gradeCurrent = (s: ReturnType<typeof startPractice>, rating: Grade, now: number) =>
    reviewReducer(reviewReducer(s, { type: 'reveal', now, settings }), { type: 'grade', rating, now: now + 1000 });

  it('marks its grades practice; Again brings the card back unchanged at the end, Good lets it go', () => {
    let s = gradeCurrent(startPractice(), Rating.Again, NOW);
    const record = s.pending[0]!;
    expect(record).toMatchObject({ kind: 'record', cardId: 'c5', practice: true });
    expect(s.queue.main.map((i) => i.cardId)).toEqual(['c6', 'c5']);
    expect(s.queue.main[1]).toEqual(items[0]);
    expect(s.queue.learning).toEqual([]);
    s = gradeCurrent(s, Rating.Good, NOW + 5000);
    s = gradeCurrent(s, Rating.Good, NOW + 9000);
    expect(s.phase).toBe('done');
    expect(s.tally).toEqual({ answered: 3, again: 1 });
    // Undo brings the last card back, as in any session.
    s = reviewReducer(s, { type: 'undo', now: NOW + 10_000 });
    expect(s.current?.item.cardId).toBe('c5');
  });

  it('a session that reschedules writes ordinary grades', () => {
    const s = reviewReducer(initialSession(queue, 's'), { type: 'start', queue, now: NOW, sessionId: 's' });
    const graded = gradeCurrent(s, Rating.Again, NOW);
    expect((graded.pending[0] as { practice?: true }).practice).toBeUndefined();
    expect(graded.queue.learning.map((i) => i.cardId)).toEqual(['c5']);
  });

  it('a replay passes over practice rows, even one whose state before is out of date', () => {
    const initial = newScheduleState(NOW - DAY);
    const good = gradeCard(initial, Rating.Good, NOW - HOUR, settings).state;
    const entries: ReplayEntry[] = [
      { id: 'a', kind: 'grade', rating: Rating.Good, at: NOW - HOUR, before: initial, after: good },
      // Written on another device before it heard of the grade above: its before/after are the new state.
      { id: 'b', kind: 'practice', rating: Rating.Again, at: NOW, before: initial, after: initial },
    ];
    expect(replaySchedule(entries, initial, settings)).toEqual(good);
  });
});
