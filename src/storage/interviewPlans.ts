// Interview dates in storage: a deck row keeps its date (`StoredDeck.interview`), this module reads
// what the queue and the deck list need of it: each dated deck's plan from its card states (the
// core planner), the new cards it may introduce today, and the cards the day before pulls forward.

import { activeInterview, normalizeInterview, planNewCards, type InterviewDate, type NewCardPlan } from '../core/planning/interviewQuota.ts';
import { dueForInterview, type DayProgress } from '../core/scheduling/queue.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import { nextDayStart } from '../core/scheduling/day.ts';
import { guarded } from './errors.ts';
import { loadSettings } from './settings.ts';
import { dayProgress } from './queries.ts';
import type { RehearseDb, StoredCardState, StoredDeck } from './db.ts';

/** What the decks with a date ahead ask of today's queue. */
export interface InterviewQueueInputs {
  plans: Record<string, NewCardPlan>;
  /** Per dated deck: its plan's new cards for today in all (`QueueOptions.newCardsToday`). */
  newCardsToday: Record<string, number>;
  interviews: Record<string, InterviewDate>;
  /** Review cards not due yet that the day before the date brings (`dueForInterview`). */
  pulledForward: StoredCardState[];
}

/** A deck's interview date still ahead at `now`, if any. */
export function deckInterview(deck: Pick<StoredDeck, 'interview'>, now: number): InterviewDate | undefined {
  return activeInterview(normalizeInterview(deck.interview), now);
}

/**
 * Plans of the `decks` with an interview ahead, inside the caller's read transaction (it must
 * span `cardStates`). A dated deck's states are all read: the planner weighs every card.
 */
export async function interviewQueueInputs(
  db: RehearseDb,
  decks: readonly StoredDeck[],
  now: number,
  settings: SchedulerSettings,
  progress: DayProgress,
): Promise<InterviewQueueInputs> {
  const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
  const out: InterviewQueueInputs = { plans: {}, newCardsToday: {}, interviews: {}, pulledForward: [] };
  const dated = decks.flatMap((d) => {
    const interview = deckInterview(d, now);
    return interview ? [{ deck: d, interview }] : [];
  });
  const rows = await Promise.all(dated.map(({ deck }) => db.cardStates.where('deckId').equals(deck.id).toArray()));
  dated.forEach(({ deck, interview }, i) => {
    const states = rows[i]!;
    const plan = planNewCards({
      cards: states.map((r) => ({ cardId: r.cardId, schedule: r.schedule, position: r.position, suspended: r.suspended, hidden: r.hidden })),
      settings,
      interview,
      now,
      newDoneToday: progress.byDeck[deck.id]?.newDone ?? 0,
      ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}),
    });
    out.plans[deck.id] = plan;
    out.newCardsToday[deck.id] = plan.newToday;
    out.interviews[deck.id] = interview;
    for (const r of states) {
      const active = !r.hidden && !r.suspended && !(r.buriedUntil > now);
      // Cards due today already come from the due index; only later ones are pulled forward.
      if (active && r.schedule.due >= dayEnd && dueForInterview(r, interview, now, settings, db.timeZone)) out.pulledForward.push(r);
    }
  });
  return out;
}

/** The new-card plans of every visible deck with an interview date ahead, by deck id (the deck list's line). */
export function deckInterviewPlans(db: RehearseDb, now: number): Promise<Record<string, NewCardPlan>> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cardStates, db.reviews, db.settings], async () => {
      const [settings, decks] = await Promise.all([loadSettings(db), db.decks.toArray()]);
      const dated = decks.filter((d) => !d.hidden && deckInterview(d, now));
      if (!dated.length) return {};
      const progress = await dayProgress(db, now, settings);
      return (await interviewQueueInputs(db, dated, now, settings, progress)).plans;
    }),
  );
}
