// The stats screen's interview forecast: one deck's whole plan (core/planning/interviewPlan.ts,
// which grades simulated answers). Not re-exported by storage/index.ts, so the planner's
// simulation loads with the statistics chunk, not with the first screen.

import { planInterview, type InterviewPlan } from '../core/planning/interviewPlan.ts';
import type { RehearseDb } from './db.ts';
import { guarded } from './errors.ts';
import { loadSettings } from './settings.ts';
import { dayProgress } from './queries.ts';
import { deckInterview } from './interviewPlans.ts';

/** The whole plan of one deck with its forecast (the stats screen), or undefined without a date ahead. */
export function deckInterviewForecast(db: RehearseDb, deckId: string, now: number): Promise<InterviewPlan | undefined> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cardStates, db.reviews, db.settings], async () => {
      const [settings, deck] = await Promise.all([loadSettings(db), db.decks.get(deckId)]);
      const interview = deck && !deck.hidden ? deckInterview(deck, now) : undefined;
      if (!interview) return undefined;
      const [progress, states] = await Promise.all([dayProgress(db, now, settings), db.cardStates.where('deckId').equals(deckId).toArray()]);
      return planInterview({
        cards: states.map((r) => ({ cardId: r.cardId, schedule: r.schedule, position: r.position, suspended: r.suspended, hidden: r.hidden })),
        settings,
        interview,
        now,
        newDoneToday: progress.byDeck[deckId]?.newDone ?? 0,
        ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}),
      });
    }),
  );
}
