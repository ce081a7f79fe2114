// The day's study queue, computed from plain card rows: learning cards when they are due, then
// today's reviews with new cards spread among them, under the day's limits. Pure: storage reads
// the candidate rows by index and hands them here; the review session walks the result.

import { State } from 'ts-fsrs';
import type { ScheduleState } from './fsrs.ts';
import type { NewCardGatherOrder, SchedulerSettings } from './settings.ts';
import { nextDayStart, studyDayOf, type TimeZoneOffset } from './day.ts';
import { seededRandom } from '../random.ts';
import { activeInterview, recallAt, type InterviewDate } from '../planning/interviewQuota.ts';

/** A card as the queue sees it: ids, scheduling state, and the flags that take it out. */
export interface QueueCard {
  cardId: string;
  deckId: string;
  schedule: ScheduleState;
  /** Bumped by storage at every grade; sent back with the answer to detect a concurrent change. */
  version: number;
  /** Order of the card in its deck (new cards are introduced in this order). */
  position: number;
  /** Order of the deck in the deck list (new cards across decks: earlier decks first). */
  deckOrder?: number;
  suspended?: boolean;
  /** Epoch ms until which the card is buried (0 or absent: not buried). */
  buriedUntil?: number;
  /** The card is no longer in its deck's source (kept for its history). */
  hidden?: boolean;
}

/** A card in the queue. */
export type QueueItem = Pick<QueueCard, 'cardId' | 'deckId' | 'schedule' | 'version' | 'position' | 'deckOrder'>;

/** What today's answers used up, from the review log. */
export interface DayProgress {
  total: DeckDayProgress;
  byDeck: Record<string, DeckDayProgress>;
}

/** New cards introduced and review cards answered today. */
export interface DeckDayProgress {
  newDone: number;
  reviewsDone: number;
}

/** Cards waiting today, as shown on the deck list and during a session. */
export interface DeckCounts {
  new: number;
  learning: number;
  due: number;
}

/** The day's queue: the session asks it for the next card. */
export interface QueueState {
  /** (Re)learning cards due before the day ends, soonest first; shown once due. */
  learning: QueueItem[];
  /** Reviews due today with new cards spread among them, in the order to show them. */
  main: QueueItem[];
  /** When the study day ends (epoch ms): learning cards due later leave the queue. */
  dayEnd: number;
  /** How far ahead a learning card may be shown when nothing else is left. */
  learnAheadMs: number;
  /** Decks with an interview date ahead: their grades are capped to come back before it. */
  interviews?: Readonly<Record<string, InterviewDate>>;
}

/** What to show next. */
export type NextCard =
  | { kind: 'card'; item: QueueItem; source: 'learning' | 'main' }
  | { kind: 'wait'; until: number }
  | { kind: 'done' };

/** Which cards a queue is for: one deck (its own limits) or all decks (the overall limits too). */
export type QueueScope = string | 'all';

/** Options shared by the queue builders. */
export interface QueueOptions {
  now: number;
  settings: SchedulerSettings;
  progress: DayProgress;
  scope: QueueScope;
  /** Injected in tests; the runtime's zone otherwise. */
  timeZone?: TimeZoneOffset;
  /**
   * Per deck with an interview date: the plan's new cards for today in all (`InterviewPlan.newToday`),
   * in place of `newCardsPerDay`. Decks absent here keep the ordinary limit.
   */
  newCardsToday?: Readonly<Record<string, number>>;
  /** Decks with an interview date: the day before it, cards below its target are due too. */
  interviews?: Readonly<Record<string, InterviewDate>>;
}

/** An empty day: nothing answered yet. */
export function emptyDayProgress(): DayProgress {
  return { total: { newDone: 0, reviewsDone: 0 }, byDeck: {} };
}

/**
 * Tallies today's answers: an answer to a New card introduces it, an answer to a Review card is a
 * review (learning steps count against neither limit, as in Anki).
 */
export function dayProgressFromAnswers(
  answers: Iterable<{ deckId: string; stateBefore: { state: State } }>,
): DayProgress {
  const progress = emptyDayProgress();
  for (const a of answers) {
    const deck = (progress.byDeck[a.deckId] ??= { newDone: 0, reviewsDone: 0 });
    if (a.stateBefore.state === State.New) {
      deck.newDone++;
      progress.total.newDone++;
    } else if (a.stateBefore.state === State.Review) {
      deck.reviewsDone++;
      progress.total.reviewsDone++;
    }
  }
  return progress;
}

type Bucket = 'excluded' | 'new' | 'learning' | 'review' | 'later';

/** Where a card stands today. Buried cards come back once `buriedUntil` has passed. */
export function classifyCard(card: QueueCard, now: number, dayEnd: number): Bucket {
  if (card.hidden || card.suspended || (card.buriedUntil ?? 0) > now) return 'excluded';
  const s = card.schedule;
  if (s.state === State.New) return 'new';
  if (s.due >= dayEnd) return 'later';
  return s.state === State.Review ? 'review' : 'learning';
}

function remaining(limit: number, done: number): number {
  return Math.max(0, limit - done);
}

/** New and review cards a scope may still take today. */
export interface Allowance {
  new: number;
  reviews: number;
}

/** What all decks together may still take today (the "all decks" limits minus today's answers). */
export function overallLeft(settings: SchedulerSettings, progress: DayProgress): Allowance {
  return {
    new: remaining(settings.newCardsPerDayAllDecks, progress.total.newDone),
    reviews: remaining(settings.maxReviewsPerDayAllDecks, progress.total.reviewsDone),
  };
}

/**
 * What one deck may still take today: its own limits minus its answers, and never more than all
 * decks together have left, so *All decks* and then one deck never exceed either limit.
 */
export function deckLeft(
  settings: SchedulerSettings,
  progress: DayProgress,
  deckId: string,
  newCardsToday?: Readonly<Record<string, number>>,
): Allowance {
  const done = progress.byDeck[deckId] ?? { newDone: 0, reviewsDone: 0 };
  const overall = overallLeft(settings, progress);
  // An interview plan's quota never exceeds the deck's limit (the planner keeps within it).
  const newLimit = Math.min(newCardsToday?.[deckId] ?? settings.newCardsPerDay, settings.newCardsPerDay);
  return {
    new: Math.min(remaining(newLimit, done.newDone), overall.new),
    reviews: Math.min(remaining(settings.maxReviewsPerDay, done.reviewsDone), overall.reviews),
  };
}

/**
 * New cards of several decks in the gather order: `deck` takes one deck after another (deck-list
 * order); `random` mixes the decks, each deck's cards staying in their order. The mix is a merge
 * of one random clock per deck: the k-th new card a deck gives today (counting the `introduced`
 * ones already answered) comes at that deck's k-th tick, and the ticks are spaced by draws seeded
 * with the study day and the deck. So the next card is equally likely to come from any deck with
 * cards left, answering cards in queue order leaves the rest of the mix in place, and a deck's
 * first `n` cards decide the first `n` places (storage may hand over just those).
 */
export function gatherNewCards<T extends Pick<QueueItem, 'deckId' | 'position' | 'deckOrder'>>(
  cards: readonly T[],
  order: NewCardGatherOrder,
  studyDay: number,
  introduced: (deckId: string) => number = () => 0,
): T[] {
  const sorted = [...cards].sort(byDeckPosition);
  if (order === 'deck') return sorted;
  const keyed: Array<{ card: T; tick: number; rank: number }> = [];
  for (let i = 0; i < sorted.length; ) {
    const deckId = sorted[i]!.deckId;
    const draw = seededRandom(Math.imul(studyDay, 0x9e3779b1) ^ hashText(deckId));
    let tick = 0;
    // Ticks of the cards the deck already gave today, so the remaining ones keep their places.
    for (let k = introduced(deckId); k > 0; k--) tick += exponential(draw());
    for (; i < sorted.length && sorted[i]!.deckId === deckId; i++) {
      tick += exponential(draw());
      keyed.push({ card: sorted[i]!, tick, rank: keyed.length });
    }
  }
  return keyed.sort((a, b) => a.tick - b.tick || a.rank - b.rank).map((k) => k.card);
}

/** A draw of the exponential distribution (mean 1) from a uniform one in [0, 1). */
function exponential(uniform: number): number {
  return -Math.log(1 - uniform);
}

/** FNV-1a, 32 bits: a deck id as a seed. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function toItem(c: QueueCard): QueueItem {
  const item: QueueItem = {
    cardId: c.cardId,
    deckId: c.deckId,
    schedule: c.schedule,
    version: c.version,
    position: c.position,
  };
  if (c.deckOrder !== undefined) item.deckOrder = c.deckOrder;
  return item;
}

const byDue = (a: QueueItem, b: QueueItem) =>
  a.schedule.due - b.schedule.due || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0);
const byDeckPosition = (a: Pick<QueueItem, 'deckId' | 'position' | 'deckOrder'>, b: Pick<QueueItem, 'deckId' | 'position' | 'deckOrder'>) =>
  (a.deckOrder ?? 0) - (b.deckOrder ?? 0) ||
  (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0) ||
  a.position - b.position;

interface Sorted {
  learning: QueueItem[];
  reviews: QueueItem[];
  fresh: QueueItem[];
}

/**
 * True for a review card not due yet that an interview pulls forward: on the day before the date
 * (and on its own day, before it), a card whose recall at the date is below the target.
 */
export function dueForInterview(
  card: Pick<QueueCard, 'schedule'>,
  interview: InterviewDate | undefined,
  now: number,
  settings: SchedulerSettings,
  timeZone?: TimeZoneOffset,
): boolean {
  const active = activeInterview(interview, now);
  if (!active || card.schedule.state !== State.Review) return false;
  const today = studyDayOf(now, settings.dayStartHour, timeZone);
  if (today < studyDayOf(active.at, settings.dayStartHour, timeZone) - 1) return false;
  return recallAt(card.schedule, active.at, settings) < active.target;
}

/** Buckets and limits per deck, then the overall limits, new cards in the gather order. */
function selectToday(cards: Iterable<QueueCard>, opts: QueueOptions, dayEnd: number): Sorted {
  const { now, settings, progress, scope } = opts;
  const decks = new Map<string, Sorted>();
  for (const card of cards) {
    if (scope !== 'all' && card.deckId !== scope) continue;
    let bucket = classifyCard(card, now, dayEnd);
    if (bucket === 'later' && dueForInterview(card, opts.interviews?.[card.deckId], now, settings, opts.timeZone)) bucket = 'review';
    if (bucket === 'excluded' || bucket === 'later') continue;
    let d = decks.get(card.deckId);
    if (!d) decks.set(card.deckId, (d = { learning: [], reviews: [], fresh: [] }));
    (bucket === 'new' ? d.fresh : bucket === 'review' ? d.reviews : d.learning).push(toItem(card));
  }
  const out: Sorted = { learning: [], reviews: [], fresh: [] };
  for (const [deckId, d] of decks) {
    const left = deckLeft(settings, progress, deckId, opts.newCardsToday);
    out.learning.push(...d.learning);
    out.reviews.push(...d.reviews.sort(byDue).slice(0, left.reviews));
    out.fresh.push(...d.fresh.sort(byDeckPosition).slice(0, left.new));
  }
  const overall = overallLeft(settings, progress);
  out.learning.sort(byDue);
  out.reviews = out.reviews.sort(byDue).slice(0, overall.reviews);
  const day = studyDayOf(now, settings.dayStartHour, opts.timeZone);
  const introduced = (deckId: string) => progress.byDeck[deckId]?.newDone ?? 0;
  out.fresh = gatherNewCards(out.fresh, settings.newCardGatherOrder, day, introduced).slice(0, overall.new);
  return out;
}

/** Spreads `fresh` evenly among `reviews`: 4 reviews and 2 new give R N R R N R. */
export function interleaveEvenly<T>(reviews: readonly T[], fresh: readonly T[]): T[] {
  const total = reviews.length + fresh.length;
  const out: T[] = [];
  let r = 0;
  let n = 0;
  for (let k = 0; k < total; k++) {
    // Rounding half down puts a review first when the two tie.
    const wantNew = n < Math.ceil(((k + 1) * fresh.length) / total - 0.5);
    if ((wantNew && n < fresh.length) || r >= reviews.length) out.push(fresh[n++]!);
    else out.push(reviews[r++]!);
  }
  return out;
}

/**
 * Builds today's queue from candidate cards (extra cards are fine: they are filtered and limited
 * here). Each deck's reviews are capped by `maxReviewsPerDay` minus its reviews done today, its new
 * cards by `newCardsPerDay` minus those it introduced today; all of them together, in any scope, by
 * the all-decks limits minus today's answers. Learning cards are never capped.
 */
export function buildDailyQueue(cards: Iterable<QueueCard>, opts: QueueOptions): QueueState {
  const dayEnd = nextDayStart(opts.now, opts.settings.dayStartHour, opts.timeZone);
  const sorted = selectToday(cards, opts, dayEnd);
  const queue: QueueState = {
    learning: sorted.learning,
    main: interleaveEvenly(sorted.reviews, sorted.fresh),
    dayEnd,
    learnAheadMs: opts.settings.learnAheadMinutes * 60_000,
  };
  if (opts.interviews && Object.keys(opts.interviews).length) queue.interviews = opts.interviews;
  return queue;
}

/**
 * The card to show at `now`: a learning card already due comes first (it returns in the same
 * session when its minutes are up); then the main queue; then, with nothing else left, a
 * learning card due within the learn-ahead window. Otherwise wait for the next learning card,
 * or the day is done.
 */
export function nextCard(queue: QueueState, now: number): NextCard {
  const firstLearning = queue.learning[0];
  if (firstLearning && firstLearning.schedule.due <= now) {
    return { kind: 'card', item: firstLearning, source: 'learning' };
  }
  const firstMain = queue.main[0];
  if (firstMain) return { kind: 'card', item: firstMain, source: 'main' };
  if (firstLearning) {
    if (firstLearning.schedule.due <= now + queue.learnAheadMs) {
      return { kind: 'card', item: firstLearning, source: 'learning' };
    }
    return { kind: 'wait', until: firstLearning.schedule.due - queue.learnAheadMs };
  }
  return { kind: 'done' };
}

/** The queue without a card (answered, buried, suspended). */
export function removeFromQueue(queue: QueueState, cardId: string): QueueState {
  return {
    ...queue,
    learning: queue.learning.filter((i) => i.cardId !== cardId),
    main: queue.main.filter((i) => i.cardId !== cardId),
  };
}

/**
 * The queue after a card was answered: it leaves its place, and comes back among the learning
 * cards if its next due time still falls within today.
 */
export function requeueAfterAnswer(queue: QueueState, item: QueueItem): QueueState {
  const rest = removeFromQueue(queue, item.cardId);
  if (item.schedule.state === State.New || item.schedule.due >= queue.dayEnd) return rest;
  const learning = [...rest.learning, item].sort(byDue);
  return { ...rest, learning };
}

/** Counts left in a queue: new and review cards in the main queue, learning cards pending. */
export function queueCounts(queue: QueueState): DeckCounts {
  let fresh = 0;
  for (const i of queue.main) if (i.schedule.state === State.New) fresh++;
  return { new: fresh, learning: queue.learning.length, due: queue.main.length - fresh };
}

/**
 * Per-deck and overall counts for the deck list, with each deck capped by its own remaining
 * limits and the total by the overall ones. `cards` may hold only the first few new cards per deck.
 */
export function deckCountsFromCards(
  cards: Iterable<QueueCard>,
  opts: Omit<QueueOptions, 'scope'>,
): { byDeck: Record<string, DeckCounts>; total: DeckCounts } {
  const dayEnd = nextDayStart(opts.now, opts.settings.dayStartHour, opts.timeZone);
  const raw = new Map<string, DeckCounts>();
  for (const card of cards) {
    const bucket = classifyCard(card, opts.now, dayEnd);
    if (bucket === 'excluded' || bucket === 'later') continue;
    let c = raw.get(card.deckId);
    if (!c) raw.set(card.deckId, (c = { new: 0, learning: 0, due: 0 }));
    if (bucket === 'new') c.new++;
    else if (bucket === 'learning') c.learning++;
    else c.due++;
  }
  return capDeckCounts(raw, opts);
}

/**
 * Caps raw per-deck counts by each deck's remaining limits (never above what all decks have left)
 * and their sum by the overall ones.
 * A raw count may already stop at its deck's limit (storage counts at most that many).
 */
export function capDeckCounts(
  raw: Iterable<[deckId: string, counts: DeckCounts]>,
  opts: Pick<QueueOptions, 'settings' | 'progress' | 'newCardsToday'>,
): { byDeck: Record<string, DeckCounts>; total: DeckCounts } {
  const { settings, progress } = opts;
  const byDeck: Record<string, DeckCounts> = {};
  const sum: DeckCounts = { new: 0, learning: 0, due: 0 };
  for (const [deckId, c] of raw) {
    const left = deckLeft(settings, progress, deckId, opts.newCardsToday);
    const capped = { new: Math.min(c.new, left.new), learning: c.learning, due: Math.min(c.due, left.reviews) };
    byDeck[deckId] = capped;
    sum.new += capped.new;
    sum.learning += capped.learning;
    sum.due += capped.due;
  }
  const overall = overallLeft(settings, progress);
  const total: DeckCounts = { new: Math.min(sum.new, overall.new), learning: sum.learning, due: Math.min(sum.due, overall.reviews) };
  return { byDeck, total };
}
