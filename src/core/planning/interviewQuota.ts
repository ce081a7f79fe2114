// An interview date per deck: "ready by Friday 10:00" — the light half of the planner, which the
// queue and the deck list use (interviewPlan.ts adds the forecast, which simulates grades). Of (cards, settings, date,
// now): how many new cards to introduce each day so every one is reviewed at least twice before
// the date, a due-date cap so each card's predicted recall at the date reaches the target, and a
// forecast of the share of the deck recalled at the date, day by day. Nothing here applies to a
// deck without a date, nor to any answer given after it.

import { default_w, forgetting_curve } from 'ts-fsrs';
import { GRADES, State, type Grade, type GradeResult, type ScheduleState } from '../scheduling/fsrs.ts';
import type { SchedulerSettings } from '../scheduling/settings.ts';
import { nextDayStart, studyDayOf, studyDayStart, type TimeZoneOffset } from '../scheduling/day.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A deck's interview: the moment to be ready by and the recall wanted then. */
export interface InterviewDate {
  /** Epoch ms of the interview. */
  at: number;
  /** Predicted recall wanted at `at`, 0.5–0.99 (default 0.9). */
  target: number;
}

export const DEFAULT_INTERVIEW_TARGET = 0.9;

/** A stored value as an interview date, or undefined when it is not one (absent, damaged). */
export function normalizeInterview(value: unknown): InterviewDate | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { at, target } = value as Record<string, unknown>;
  if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  const t = typeof target === 'number' && Number.isFinite(target) ? target : DEFAULT_INTERVIEW_TARGET;
  return { at, target: Math.min(0.99, Math.max(0.5, t)) };
}

/** The interview still ahead at `now` (after it, the deck is scheduled as any other). */
export function activeInterview(interview: InterviewDate | undefined, now: number): InterviewDate | undefined {
  return interview && interview.at > now ? interview : undefined;
}

/**
 * The forgetting curve of the collection's weights: FSRS-6 keeps its decay in w[20]; weights of
 * FSRS-4.5/5 (17 or 19 numbers) decay at 0.5, as ts-fsrs migrates them. The standalone function,
 * not a scheduler: the deck list (first screen) reads this module, the scheduler is a large chunk.
 */
function curve(settings: SchedulerSettings, elapsedDays: number, stability: number): number {
  const w = settings.fsrsWeights;
  const decay = w ? (w[20] ?? 0.5) : default_w[20]!;
  return forgetting_curve(decay, elapsedDays, stability);
}

/** FSRS retrievability of a card at `at` (0 for a card never answered). */
export function recallAt(schedule: ScheduleState, at: number, settings: SchedulerSettings): number {
  if (schedule.state === State.New || schedule.lastReview === null || schedule.stability <= 0) return 0;
  const elapsedDays = Math.max(0, (at - schedule.lastReview) / DAY);
  return curve(settings, elapsedDays, schedule.stability);
}

/** When a card's recall falls to `target` (epoch ms), from its last review and stability. */
function whenRecallFallsTo(schedule: ScheduleState, target: number, settings: SchedulerSettings): number {
  const last = schedule.lastReview ?? schedule.due;
  // forgetting_curve is decreasing in time: bisect over [0, 100 years].
  let lo = 0;
  let hi = 36500;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (curve(settings, mid, schedule.stability) >= target) lo = mid;
    else hi = mid;
  }
  return last + lo * DAY;
}

/**
 * A graded card's state with its due date moved so it comes back before the interview when its
 * recall at the date would fall below the target: no later than when its recall reaches the
 * target, nor than the day before the date, and never before the next study day. Only `due`
 * (and `scheduledDays`, which says the interval given) moves: stability, difficulty and the rest
 * of the FSRS memory are the grade's own, so the next answer is scheduled from true memory.
 */
export function capDueForInterview(
  state: ScheduleState,
  now: number,
  interview: InterviewDate | undefined,
  settings: SchedulerSettings,
  timeZone?: TimeZoneOffset,
): ScheduleState {
  if (!interview || interview.at <= now || state.state !== State.Review) return state;
  if (state.due <= now || recallAt(state, interview.at, settings) >= interview.target) return state;
  const floor = nextDayStart(now, settings.dayStartHour, timeZone);
  const dayBefore = startOfDayBefore(interview.at, settings, timeZone);
  if (floor > dayBefore) return state; // no study day is left between now and the date
  const capped = Math.max(floor, Math.min(whenRecallFallsTo(state, interview.target, settings), dayBefore));
  if (capped >= state.due) return state;
  const scheduledDays = Math.max(1, Math.round((capped - now) / DAY));
  return { ...state, due: capped, scheduledDays };
}

/**
 * Every grade's outcome with its due capped for the interview (see `capDueForInterview`); the
 * outcomes themselves when there is no date ahead. The log entry is the grade's own.
 */
export function capOutcomesForInterview(
  outcomes: Record<Grade, GradeResult>,
  now: number,
  interview: InterviewDate | undefined,
  settings: SchedulerSettings,
  timeZone?: TimeZoneOffset,
): Record<Grade, GradeResult> {
  if (!activeInterview(interview, now)) return outcomes;
  const out = {} as Record<Grade, GradeResult>;
  for (const g of GRADES) out[g] = { ...outcomes[g], state: capDueForInterview(outcomes[g].state, now, interview, settings, timeZone) };
  return out;
}

/** The start of the last study day that ends before the interview's study day: "the day before". */
function startOfDayBefore(at: number, settings: SchedulerSettings, timeZone?: TimeZoneOffset): number {
  return studyDayStart(studyDayOf(at, settings.dayStartHour, timeZone) - 1, settings.dayStartHour, timeZone);
}

/** A card as the planner reads it. */
export interface PlanCard {
  cardId: string;
  schedule: ScheduleState;
  /** New cards are introduced in this order. */
  position: number;
  suspended?: boolean;
  hidden?: boolean;
}

/** What the planner is given. */
export interface InterviewPlanInput {
  cards: readonly PlanCard[];
  settings: SchedulerSettings;
  interview: InterviewDate;
  now: number;
  /** New cards of the deck introduced earlier today (they count against today's limit). */
  newDoneToday?: number;
  timeZone?: TimeZoneOffset;
}

/** Why the plan cannot make every new card be seen twice. */
export interface InterviewShortfall {
  /** New cards that will not be reviewed twice before the date. */
  cards: number;
  /** New cards a day that would fit them all (undefined: no day is left to do it). */
  neededPerDay?: number;
  message: string;
}

/** The effective new-card limit of one deck (its own, never above all decks together). */
function newLimit(settings: SchedulerSettings): number {
  return Math.min(settings.newCardsPerDay, settings.newCardsPerDayAllDecks);
}

export function meanRecall(states: Iterable<ScheduleState>, at: number, settings: SchedulerSettings, count: number): number {
  if (count === 0) return 1;
  let sum = 0;
  for (const s of states) sum += recallAt(s, at, settings);
  return sum / count;
}


/** The new-card side of a plan: the study days left, each day's new cards, and the shortfall. */
export interface NewCardPlan {
  interview: InterviewDate;
  /** The study days with time before the date; each is studied at `at` (today: now). */
  days: Array<{ day: number; at: number; end: number }>;
  /** New cards to introduce on each of `days`. */
  quotas: number[];
  /** New cards of the deck not yet introduced, in deck order. */
  fresh: PlanCard[];
  /** The deck's active cards (not hidden, not suspended). */
  cards: PlanCard[];
  limit: number;
  /** New cards the deck may introduce today in all (the ones already introduced today included). */
  newToday: number;
  /** The plan's new cards a day (its busiest day). */
  newPerDay: number;
  /** Share of the deck recalled at the date from what is known now (new cards count as forgotten). */
  readiness: number;
  shortfall?: InterviewShortfall;
}

/**
 * New cards spread over the days that leave two more days of review before the date, within
 * the daily limits, and a precise message when the limits cannot fit them. No grading: the deck
 * list and the day's queue need only this.
 */
export function planNewCards(input: InterviewPlanInput): NewCardPlan {
  const { settings, interview, now, timeZone } = input;
  const tz = timeZone;
  const limit = newLimit(settings);
  const doneToday = input.newDoneToday ?? 0;
  const cards = input.cards.filter((c) => !c.hidden && !c.suspended);
  const fresh = cards.filter((c) => c.schedule.state === State.New).sort((a, b) => a.position - b.position);
  const today = studyDayOf(now, settings.dayStartHour, tz);
  const lastDay = studyDayOf(interview.at, settings.dayStartHour, tz);
  // The study days with time before the interview; a day is studied at its start + 6 h (10:00 by default).
  const days: Array<{ day: number; at: number; end: number }> = [];
  for (let d = today; d <= lastDay; d++) {
    const start = d === today ? now : studyDayStart(d, settings.dayStartHour, tz) + 6 * HOUR;
    if (start >= interview.at) break;
    days.push({ day: d, at: start, end: studyDayStart(d + 1, settings.dayStartHour, tz) });
  }
  // A card needs its first day and two more days of review before the date.
  const introDays = Math.max(0, days.length - 2);
  const todayLeft = Math.max(0, limit - doneToday);
  const capacity = introDays === 0 ? 0 : todayLeft + limit * (introDays - 1);
  const quotas = days.map(() => 0);
  let toPlace = fresh.length;
  for (let i = 0; i < introDays && toPlace > 0; i++) {
    const cap = i === 0 ? todayLeft : limit;
    quotas[i] = Math.min(cap, Math.ceil(toPlace / (introDays - i)));
    toPlace -= quotas[i]!;
  }
  let shortfall: InterviewShortfall | undefined;
  const unseen = Math.max(0, fresh.length - capacity);
  if (unseen > 0) {
    if (introDays === 0) {
      shortfall = {
        cards: unseen,
        message: `The interview is too close: ${unseen} new ${unseen === 1 ? 'card' : 'cards'} cannot be seen twice before it (a card needs its first day and two more).`,
      };
    } else {
      const neededPerDay = Math.ceil((fresh.length + doneToday) / introDays);
      shortfall = {
        cards: unseen,
        neededPerDay,
        message: `${unseen} ${unseen === 1 ? 'card' : 'cards'} will not be seen twice — raise the limit to ${neededPerDay} a day.`,
      };
    }
    // Past what fits, new cards still come at the ordinary limit while days are left.
    for (let i = introDays; i < days.length && toPlace > 0; i++) {
      const cap = i === 0 ? todayLeft : limit;
      quotas[i] = Math.min(cap, toPlace);
      toPlace -= quotas[i]!;
    }
  }
  const plan: NewCardPlan = {
    interview,
    days,
    quotas,
    fresh,
    cards,
    limit,
    newToday: doneToday + (quotas[0] ?? 0),
    newPerDay: Math.max(0, ...quotas),
    readiness: meanRecall(cards.map((c) => c.schedule), interview.at, settings, cards.length),
  };
  if (shortfall) plan.shortfall = shortfall;
  return plan;
}
