// An interview date per deck: the setting in the deck's actions and the forecast on the deck's
// statistics (the deck list's line is in interviewReadiness.tsx, kept light for the first screen). The plan itself is core/planning/interviewPlan.ts.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { DEFAULT_INTERVIEW_TARGET, normalizeInterview, type InterviewPlan } from '../../core/planning/interviewPlan.ts';
import { onDatabaseChange, setDeckInterview, type RehearseDb, type StoredDeck } from '../../storage/index.ts';
import { deckInterviewForecast } from '../../storage/interviewForecast.ts';
import { interviewWhen, percent } from './interviewReadiness.tsx';
import { BarChart } from '../stats/charts/BarChart.tsx';
import { ChartSection } from '../stats/ChartSection.tsx';

/** `datetime-local` value of an instant, in local time. */
function localInput(at: number): string {
  const d = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** The deck's interview setting, inside its actions. */
export function InterviewSetting({ db, deck, onChanged, onError }: { db: RehearseDb; deck: StoredDeck; onChanged(message: string): void; onError(error: unknown): void }) {
  const current = normalizeInterview(deck.interview);
  const [when, setWhen] = useState(current ? localInput(current.at) : '');
  const [target, setTarget] = useState(String(Math.round((current?.target ?? DEFAULT_INTERVIEW_TARGET) * 100)));
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(when).getTime();
    const t = Number(target) / 100;
    if (!when || !Number.isFinite(at)) return setProblem('Pick a day and a time.');
    if (!(t >= 0.5 && t <= 0.99)) return setProblem('The recall target is a percentage from 50 to 99.');
    setProblem(null);
    setDeckInterview(db, deck.id, { at, target: t }).then(
      () => onChanged(`Ready by ${interviewWhen(at, Date.now())}: the deck is planned for it.`),
      (error: unknown) => (error instanceof Error && 'code' in error && error.code === 'bad-input' ? setProblem(error.message) : onError(error)),
    );
  };
  const clear = () =>
    setDeckInterview(db, deck.id, null).then(() => onChanged('Interview date removed: ordinary scheduling again.'), onError);

  return (
    <form className="deck-interview" onSubmit={save} aria-label="Interview date">
      <div className="deck-interview-row">
        <span className="deck-interview-field">
          <label htmlFor={`${id}-when`}>Ready by</label>
          <input id={`${id}-when`} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        </span>
        <span className="deck-interview-field deck-interview-target">
          <label htmlFor={`${id}-target`}>Recall</label>
          <input id={`${id}-target`} type="number" min={50} max={99} step={1} value={target} onChange={(e) => setTarget(e.target.value)} />%
        </span>
      </div>
      <div className="deck-actions-row">
        <button type="submit">{current ? 'Change date' : 'Set interview date'}</button>
        {current && (
          <button type="button" onClick={clear}>
            Remove date
          </button>
        )}
      </div>
      {problem && (
        <p className="error small" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** The plan and forecast of one deck with a date ahead, read again as its cards change. */
export function useInterviewForecast(db: RehearseDb, deckId: string): InterviewPlan | undefined {
  const [plan, setPlan] = useState<InterviewPlan | undefined>(undefined);
  const [changes, setChanges] = useState(0);
  useEffect(
    () => onDatabaseChange(db, (tables) => (tables.has('decks') || tables.has('cardStates')) && setChanges((n) => n + 1)),
    [db],
  );
  useEffect(() => {
    let cancelled = false;
    if (deckId === 'all') return setPlan(undefined);
    deckInterviewForecast(db, deckId, Date.now()).then(
      (p) => !cancelled && setPlan(p),
      () => !cancelled && setPlan(undefined),
    );
    return () => {
      cancelled = true;
    };
  }, [db, deckId, changes]);
  return plan;
}

/** The stats screen's forecast: the share of the deck recalled at the date, day by day. */
export function InterviewForecast({ plan }: { plan: InterviewPlan }) {
  const now = Date.now();
  const days = plan.days;
  if (days.length === 0) return null;
  const label = (start: number, i: number) => (i === 0 ? 'Today' : new Date(start).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' }));
  const last = days.at(-1)!;
  return (
    <ChartSection
      id="interview-forecast"
      title={`Interview ${interviewWhen(plan.interview.at, now)}`}
      summary={
        <>
          Following the plan, about <strong>{percent(last.recall)}</strong> of the deck will be recalled at the date (target{' '}
          {percent(plan.interview.target)}); skipping today’s session, {percent(last.recallWithoutToday)}. Ready now:{' '}
          {percent(plan.readiness)}.{plan.shortfall ? ` ${plan.shortfall.message}` : ''}
        </>
      }
      table={{
        caption: 'Predicted share of the deck recalled at the date',
        head: ['Day', 'New cards', 'Reviews', 'With today', 'Without today'],
        rows: days.map((d, i) => [label(d.start, i), d.newCards, d.reviews, percent(d.recall), percent(d.recallWithoutToday)]),
      }}
    >
      <BarChart
        series={[
          { key: 'without', name: 'Without today’s session', color: 'var(--accent-soft, var(--border))' },
          { key: 'today', name: 'Added by today’s session', color: 'var(--good)' },
        ]}
        data={days.map((d, i) => ({
          label: label(d.start, i),
          values: [d.recallWithoutToday * 100, Math.max(0, d.recall - d.recallWithoutToday) * 100],
        }))}
        startLabel="Today"
        endLabel={label(last.start, days.length - 1)}
        format={(n) => `${Math.round(n)}%`}
      />
    </ChartSection>
  );
}
