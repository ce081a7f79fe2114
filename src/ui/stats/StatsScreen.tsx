// Statistics: reviews per day, the study calendar, true retention, the due forecast, card counts
// and the memory-state distributions, for one deck or all decks. Loaded lazily from App.tsx.
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { statsFromSummaries } from '../../core/stats/summaries.ts';
import { onDatabaseChange, type RehearseDb, type RehearseTable, type StoredDeck } from '../../storage/index.ts';
import { InterviewForecast, useInterviewForecast } from '../decks/interviewDate.tsx';
import { loadStatsSummaries, type StatsSummaryRows, type SummaryRebuildReason } from '../../storage/statsQueries.ts';
import { routeHref } from '../useHashRoute.ts';
import { StatsView } from './StatsView.tsx';
import './stats.css';

interface Props {
  db: RehearseDb;
  /** A deck id or 'all'. */
  deckId: string;
  onError(error: unknown): void;
}

export const PERIODS = [30, 90, 365] as const;
const PERIOD_NAMES: Record<(typeof PERIODS)[number], string> = { 30: '30 days', 90: '90 days', 365: '1 year' };
const PERIOD_KEY = 'rehearse.stats.period';
/** The writes that change the figures (the summaries are written with these, so are not reported apart). */
const COUNTED: RehearseTable[] = ['reviews', 'reviewVoids', 'cardStates', 'decks', 'settings'];

function savedPeriod(): (typeof PERIODS)[number] {
  try {
    const n = Number(localStorage.getItem(PERIOD_KEY));
    return (PERIODS as readonly number[]).includes(n) ? (n as (typeof PERIODS)[number]) : 30;
  } catch {
    return 30;
  }
}

const REBUILD_MESSAGES: Record<SummaryRebuildReason, string> = {
  'day-start': 'The day now starts at another hour: counting every answer into its day again…',
  zone: 'This device is in another time zone now: counting every answer into its day again…',
  interrupted: 'Counting every answer into its day again…',
};

export default function StatsScreen({ db, deckId, onError }: Props) {
  const [period, setPeriod] = useState(savedPeriod);
  // The rows of the last scope and period read; the previous figures stay up (dimmed) while the next load.
  const [loaded, setLoaded] = useState<{ key: string; days: number; rows: StatsSummaryRows; now: number } | null>(null);
  // The summaries are being counted again from the log (the day start or the zone changed).
  const [rebuilding, setRebuilding] = useState<SummaryRebuildReason | null>(null);
  const key = `${deckId}:${period}`;
  // Bumped by every write the figures count, here or in another tab: an answer that lands after
  // the tap (its write still under way), a sync, an import. The figures are read again.
  const [changes, setChanges] = useState(0);
  useEffect(() => onDatabaseChange(db, (tables) => COUNTED.some((t) => tables.has(t)) && setChanges((n) => n + 1)), [db]);

  // A layout effect: the read starts in the tap's own frame, not after the empty screen is painted.
  useLayoutEffect(() => {
    let cancelled = false;
    const now = Date.now();
    loadStatsSummaries(db, { scope: deckId, days: period, now }, (reason) => !cancelled && setRebuilding(reason))
      .then((rows) => {
        if (cancelled) return;
        setRebuilding(null);
        setLoaded({ key, days: period, rows, now });
      })
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [db, deckId, period, key, changes, onError]);

  const stats = useMemo(() => {
    if (!loaded) return null;
    const { rows, now } = loaded;
    return statsFromSummaries(rows.input, { now, days: loaded.days, dayStartHour: rows.settings.dayStartHour, timeZone: db.timeZone });
  }, [loaded, db]);

  const choosePeriod = (p: (typeof PERIODS)[number]) => {
    setPeriod(p);
    try {
      localStorage.setItem(PERIOD_KEY, String(p));
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
  };

  // The deck picker's decks come with the figures (one read for the tap, not two).
  const decks: StoredDeck[] | null = loaded?.rows.decks ?? null;
  const deck = decks?.find((d) => d.id === deckId);
  const deckTitle = deckId === 'all' ? 'All decks' : (deck?.userTitle ?? deck?.title ?? deckId);
  const stale = loaded !== null && loaded.key !== key;
  const forecast = useInterviewForecast(db, deckId);

  return (
    <main className="screen stats-screen">
      <h2>Statistics</h2>
      <div className="stats-controls">
        <label className="stats-deck">
          <span>Deck</span>
          <select
            value={deckId}
            onChange={(e) => (location.hash = routeHref({ name: 'stats', deckId: e.target.value }))}
          >
            <option value="all">All decks</option>
            {decks?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.userTitle ?? d.title}
              </option>
            ))}
            {decks && deckId !== 'all' && !decks.some((d) => d.id === deckId) && <option value={deckId}>{deckId}</option>}
          </select>
        </label>
        <fieldset className="segmented">
          <legend>Period</legend>
          {PERIODS.map((p) => (
            <label key={p}>
              <input type="radio" name="stats-period" value={p} checked={period === p} onChange={() => choosePeriod(p)} />
              <span>{PERIOD_NAMES[p]}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {stats && !stale ? `Statistics for ${deckTitle}, ${PERIOD_NAMES[period]}.` : 'Loading statistics…'}
      </p>
      {!stats ? (
        <p className="muted" aria-busy="true">
          {rebuilding ? REBUILD_MESSAGES[rebuilding] : 'Reading your reviews…'}
        </p>
      ) : (
        <div aria-busy={stale} className={stale ? 'stats-stale' : undefined} data-stats-ready={stale ? undefined : key}>
          {forecast && <InterviewForecast plan={forecast} />}
          <StatsView stats={stats} />
        </div>
      )}
    </main>
  );
}
