// The interview planner's forecast: the new-card plan (interviewQuota.ts) followed day by day,
// every answer Good, intervals capped for the date, to predict the share of the deck recalled at
// it, with and without today's session. Grades with the scheduler, so it loads with the stats.

import { gradeCard, Rating, State, type ScheduleState } from '../scheduling/fsrs.ts';
import type { SchedulerSettings } from '../scheduling/settings.ts';
import { studyDayOf, studyDayStart } from '../scheduling/day.ts';
import { capDueForInterview, meanRecall, planNewCards, recallAt, type InterviewDate, type InterviewPlanInput, type InterviewShortfall } from './interviewQuota.ts';

export * from './interviewQuota.ts';

/** One study day of the plan. */
export interface InterviewDay {
  /** Study day number (see `studyDayOf`). */
  day: number;
  /** When it starts (epoch ms); today's is `now`. */
  start: number;
  /** New cards to introduce that day. */
  newCards: number;
  /** Reviews the plan expects that day. */
  reviews: number;
  /** Predicted share of the deck recalled at the date, with the plan followed through this day. */
  recall: number;
  /** The same with today's session skipped (the plan starting tomorrow). */
  recallWithoutToday: number;
}

export interface InterviewPlan {
  interview: InterviewDate;
  days: InterviewDay[];
  /** New cards the deck may introduce today in all (the ones already introduced today included). */
  newToday: number;
  /** The plan's new cards a day (its busiest day). */
  newPerDay: number;
  /** New cards not yet introduced. */
  newLeft: number;
  /** Share of the deck recalled at the date from what is known now (new cards count as forgotten). */
  readiness: number;
  /** Share recalled at the date once the plan is followed (its last day's `recall`). */
  forecast: number;
  /** Cards whose recall at the date is below the target now, most likely forgotten first. */
  atRisk: string[];
  shortfall?: InterviewShortfall;
}

/** A new card answered Good until it leaves its learning steps (as on its first day). */
function introduce(schedule: ScheduleState, at: number, settings: SchedulerSettings): ScheduleState {
  let s = gradeCard(schedule, Rating.Good, at, settings).state;
  for (let i = 0; i < 6 && s.state !== State.Review; i++) s = gradeCard(s, Rating.Good, Math.max(at, s.due), settings).state;
  return s;
}

/**
 * The plan for a deck with an interview date still ahead: new cards spread over the days that
 * leave two more days of review before the date, within the daily limits; the expected reviews
 * (answered Good, intervals capped by `capDueForInterview`, and on the day before every card below
 * the target); the forecast; and, when the limits cannot fit the new cards, a precise message.
 */
export function planInterview(input: InterviewPlanInput): InterviewPlan {
  const { settings, interview, now, timeZone: tz } = input;
  const base = planNewCards(input);
  const { days, quotas, fresh, cards, limit, shortfall } = base;
  const lastDay = studyDayOf(interview.at, settings.dayStartHour, tz);
  const dayBeforeIndex = days.findIndex((d) => d.day === lastDay - 1);
  const simulate = (skipToday: boolean) => {
    const states = new Map(cards.map((c) => [c.cardId, c.schedule]));
    const queue = [...fresh];
    const out: Array<{ reviews: number; recall: number }> = [];
    for (let i = 0; i < days.length; i++) {
      const { at, end } = days[i]!;
      let reviews = 0;
      if (!(skipToday && i === 0)) {
        const takeNew = skipToday ? Math.min(limit, quotas[i]! + (i === 1 ? quotas[0]! : 0)) : quotas[i]!;
        const introduced = new Set<string>();
        for (const c of queue.splice(0, takeNew)) {
          states.set(c.cardId, capDueForInterview(introduce(c.schedule, at, settings), at, interview, settings, tz));
          introduced.add(c.cardId);
        }
        for (const [id, s] of states) {
          if (introduced.has(id) || s.state === State.New) continue;
          const due = s.due < end || (i === dayBeforeIndex && recallAt(s, interview.at, settings) < interview.target);
          if (!due) continue;
          states.set(id, capDueForInterview(gradeCard(s, Rating.Good, Math.max(at, Math.min(s.due, end - 1)), settings).state, at, interview, settings, tz));
          reviews++;
        }
      }
      out.push({ reviews, recall: meanRecall(states.values(), interview.at, settings, cards.length) });
    }
    return out;
  };
  const withToday = simulate(false);
  const withoutToday = simulate(true);
  const planDays: InterviewDay[] = days.map((d, i) => ({
    day: d.day,
    start: i === 0 ? now : studyDayStart(d.day, settings.dayStartHour, tz),
    newCards: quotas[i]!,
    reviews: withToday[i]!.reviews,
    recall: withToday[i]!.recall,
    recallWithoutToday: withoutToday[i]!.recall,
  }));
  const atRisk = cards
    .filter((c) => c.schedule.state !== State.New)
    .map((c) => ({ id: c.cardId, r: recallAt(c.schedule, interview.at, settings) }))
    .filter((c) => c.r < interview.target)
    .sort((a, b) => a.r - b.r || (a.id < b.id ? -1 : 1))
    .map((c) => c.id);
  const plan: InterviewPlan = {
    interview,
    days: planDays,
    newToday: base.newToday,
    newPerDay: Math.max(0, ...quotas),
    newLeft: fresh.length,
    readiness: base.readiness,
    forecast: planDays.at(-1)?.recall ?? meanRecall(cards.map((c) => c.schedule), interview.at, settings, cards.length),
    atRisk,
  };
  if (shortfall) plan.shortfall = shortfall;
  return plan;
}
