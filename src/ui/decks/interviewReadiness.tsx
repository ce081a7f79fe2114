// The deck list's readiness line for a deck with an interview date, and the plans behind it. Kept
// apart from interviewDate.tsx (the setting, the forecast chart): the deck list is the first screen.
import { useEffect, useState } from 'react';
import type { NewCardPlan } from '../../core/planning/interviewQuota.ts';
import { deckInterviewPlans, onDatabaseChange, type RehearseDb } from '../../storage/index.ts';

export const percent = (r: number) => `${Math.round(r * 100)}%`;

/** "Fri 10:00" within a week, "Fri 12 Jun 10:00" beyond. */
export function interviewWhen(at: number, now: number): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const day = d.toLocaleDateString('en-GB', at - now < 6 * 86_400_000 ? { weekday: 'short' } : { weekday: 'short', day: 'numeric', month: 'short' });
  return `${day} ${time}`;
}

/** The deck list's line: "Interview Fri 10:00 · 86% ready · 12 new a day". */
export function readinessLine(plan: NewCardPlan, now: number): string {
  const parts = [`Interview ${interviewWhen(plan.interview.at, now)}`, `${percent(plan.readiness)} ready`];
  if (plan.fresh.length > 0) parts.push(`${plan.newPerDay} new a day`);
  return parts.join(' · ');
}

/** The plans of the dated decks, read again whenever decks, states or answers change. */
export function useInterviewPlans(db: RehearseDb, dataVersion = 0): Record<string, NewCardPlan> {
  const [plans, setPlans] = useState<Record<string, NewCardPlan>>({});
  const [changes, setChanges] = useState(0);
  useEffect(
    () => onDatabaseChange(db, (tables) => (tables.has('decks') || tables.has('cardStates') || tables.has('reviews')) && setChanges((n) => n + 1)),
    [db],
  );
  useEffect(() => {
    let cancelled = false;
    deckInterviewPlans(db, Date.now()).then(
      (p) => !cancelled && setPlans(p),
      () => !cancelled && setPlans({}),
    );
    return () => {
      cancelled = true;
    };
  }, [db, dataVersion, changes]);
  return plans;
}

/** The readiness line under a dated deck, and the plan's message when the limits cannot fit it. */
export default function InterviewReadiness({ db, deckId, refresh }: { db: RehearseDb; deckId: string; refresh: number }) {
  const plan = useInterviewPlans(db, refresh)[deckId];
  if (!plan) return null;
  const now = Date.now();
  return (
    <span className="deck-readiness" data-interview-readiness>
      <span>{readinessLine(plan, now)}</span>
      {plan.shortfall && <span className="deck-readiness-warning">{plan.shortfall.message}</span>}
    </span>
  );
}

