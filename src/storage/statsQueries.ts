// Reads for the statistics screen, in one read transaction. Answers are read for the chosen
// period only (the `reviewedAt` index for all decks; one deck's rows by its `deckId` index, which
// also gives its whole history for the streak). For all decks, new cards — most of a large
// collection — are only counted, by key: the cards seen come whole through the `dueAt` index,
// and the few in neither index (suspended, hidden) by their keys.

import { Dexie } from 'dexie';
import { studyDayOf, studyDayStart } from '../core/scheduling/day.ts';
import { State } from '../core/scheduling/fsrs.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import { FORECAST_DAYS, RETENTION_DAYS } from '../core/stats/collectionStats.ts';
import { dayWindow, pastDays } from '../core/stats/dayWindow.ts';
import {
  ALL_DECKS,
  answersIn,
  emptyCardSummary,
  mergeCardSummaries,
  type DaySummary,
  type ForecastCounts,
  type SummaryStatsInput,
} from '../core/stats/summaries.ts';
import type { StatsClock } from '../core/stats/types.ts';
import { currentBasis, sameBasis, SUMMARY_BASIS_KEY } from './summaries/basis.ts';
import { rebuildDaySummaries } from './summaries/rebuild.ts';
import type { RehearseDb, StoredCardState, StoredDeck, StoredReviewLog } from './db.ts';
import { guarded, StorageError } from './errors.ts';
import { loadSettings } from './settings.ts';
import { isLiveAnswer, type LiveAnswer } from './replayCards.ts';

/** What the statistics of one scope are computed from. */
export interface StatsRows {
  settings: SchedulerSettings;
  /** Answers given since the first study day of the period (oldest first for all decks). */
  logs: LiveAnswer[];
  /** Scheduling rows of the scope's cards (decks the user does not see are left out). */
  cards: StoredCardState[];
  /** Active new cards counted by key and not in `cards` (all decks; 0 for one deck). */
  newCardsNotRead: number;
  /** Study days before the period with answers, as far back as the current streak needs. */
  studiedBefore: number[];
}

export interface StatsQuery {
  /** A deck id, or 'all'. */
  scope: string;
  /** Study days in the period, today included. */
  days: number;
  now: number;
}

/** How many earlier days one round of streak probes looks at. */
const PROBE_BATCH = 32;

/** The rows behind the statistics of `scope` over the last `days` study days. */
export function loadStatsRows(db: RehearseDb, query: StatsQuery): Promise<StatsRows> {
  const { scope, days, now } = query;
  return guarded(() =>
    db.transaction('r', [db.decks, db.cardStates, db.reviews, db.settings], async () => {
      const settings = await loadSettings(db);
      const clock = { now, dayStartHour: settings.dayStartHour, timeZone: db.timeZone };
      const window = pastDays(clock, days);
      const periodStart = window.starts[0]!;

      if (scope !== 'all') {
        const [history, cards] = await Promise.all([
          db.reviews.where('deckId').equals(scope).toArray(),
          db.cardStates.where('deckId').equals(scope).toArray(),
        ]);
        const logs: LiveAnswer[] = [];
        const before = new Set<number>();
        for (const log of history) {
          if (!isLiveAnswer(log)) continue;
          if (log.reviewedAt >= periodStart) logs.push(log);
          else before.add(studyDayOf(log.reviewedAt, settings.dayStartHour, db.timeZone));
        }
        return { settings, logs, cards, newCardsNotRead: 0, studiedBefore: [...before] };
      }

      const states = db.cardStates;
      const [logs, seen, newKeys, allKeys, decks] = await Promise.all([
        db.reviews.where('reviewedAt').aboveOrEqual(periodStart).filter(isLiveAnswer).toArray() as Promise<LiveAnswer[]>,
        // Every active card seen before has a dueAt; every active new card a newRank.
        states.where('dueAt').between(Dexie.minKey, Dexie.maxKey).toArray(),
        states.where('[deckId+newRank]').between([Dexie.minKey, Dexie.minKey], [Dexie.maxKey, Dexie.maxKey]).primaryKeys(),
        states.toCollection().primaryKeys(),
        db.decks.toArray(),
      ]);
      const known = new Set<string>(newKeys);
      for (const row of seen) known.add(row.cardId);
      const others = await states.bulkGet(allKeys.filter((k) => !known.has(k)));
      const hiddenDecks = new Set(decks.filter((d) => d.hidden).map((d) => d.id));
      // A card id starts with its deck id and a '/' (core/deck/cardId.ts).
      const visible = (cardId: string) => !hiddenDecks.has(cardId.slice(0, cardId.indexOf('/')));
      const cards: StoredCardState[] = [];
      for (const row of seen) if (!hiddenDecks.has(row.deckId)) cards.push(row);
      for (const row of others) if (row && !hiddenDecks.has(row.deckId)) cards.push(row);
      const newCardsNotRead = hiddenDecks.size ? newKeys.filter((k) => visible(k)).length : newKeys.length;
      return {
        settings,
        logs,
        cards,
        newCardsNotRead,
        studiedBefore: await streakBefore(db, logs, window, settings.dayStartHour),
      };
    }),
  );
}

/**
 * When every day of the period up to yesterday has answers, the streak may go further back:
 * looks for one answer per earlier day through the `reviewedAt` index (keys only, one row at
 * most), a batch of days at a time, until a day without any.
 */
async function streakBefore(
  db: RehearseDb,
  logs: StoredReviewLog[],
  window: ReturnType<typeof pastDays>,
  dayStartHour: number,
): Promise<number[]> {
  const studied = new Uint8Array(window.length);
  for (const log of logs) {
    const i = window.indexOf(log.reviewedAt);
    if (i >= 0) studied[i] = 1;
  }
  // Today may still be empty without breaking the streak.
  for (let i = 0; i < window.length - 1; i++) if (!studied[i]) return [];
  const found: number[] = [];
  let day = window.firstDay - 1;
  for (;;) {
    const batch = Array.from({ length: PROBE_BATCH }, (_, k) => day - k);
    const hits = await Promise.all(
      batch.map((d) =>
        db.reviews
          .where('reviewedAt')
          .between(studyDayStart(d, dayStartHour, db.timeZone), studyDayStart(d + 1, dayStartHour, db.timeZone), true, false)
          .limit(1)
          .primaryKeys(),
      ),
    );
    for (let k = 0; k < batch.length; k++) {
      if (hits[k]!.length === 0) return found;
      found.push(batch[k]!);
    }
    day -= PROBE_BATCH;
    if (found.length > 36500) return found; // a hundred years: something is wrong with the clock
  }
}

// --- Summaries (schema v4): what the statistics screen reads ---------------------------------------

/** What the statistics of one scope are computed from, read from summaries and index counts. */
export interface StatsSummaryRows {
  settings: SchedulerSettings;
  input: SummaryStatsInput;
  /** Day summaries read (at most the period's days: the scope's own row per day). */
  rowsRead: number;
  /** The decks the deck list shows, in order (the screen's deck picker, from the same read). */
  decks: StoredDeck[];
}

/** Why the summaries are being counted again, for the screen to say while it waits. */
export type SummaryRebuildReason = 'day-start' | 'zone' | 'interrupted';

/**
 * The statistics of `scope` over the last `days` study days, from the day summaries, the card
 * summaries and counts of the due-time indexes (no answer and no card row is read, except the
 * few buried cards). When the day start or the zone changed since the summaries were counted,
 * counts the log again first, telling `onRebuild` why.
 */
export async function loadStatsSummaries(
  db: RehearseDb,
  query: StatsQuery,
  onRebuild?: (reason: SummaryRebuildReason) => void,
): Promise<StatsSummaryRows> {
  // One transaction checks that the summaries count days as this device does and reads them: a tap
  // waits for one round of reads, not two. A stale basis (the day start or the zone changed, or a
  // rebuild was interrupted) is rebuilt first, then read again.
  let read = await readStatsSummaries(db, query);
  for (let attempt = 0; 'rebuild' in read && attempt < 2; attempt++) {
    onRebuild?.(read.rebuild);
    await rebuildSummaries(db, query.now);
    read = await readStatsSummaries(db, query);
  }
  if ('rebuild' in read) throw new StorageError('stale-state', 'The statistics kept changing while they were counted again; your reviews are unchanged. Reload to try again.');
  return read;
}

async function readStatsSummaries(db: RehearseDb, query: StatsQuery): Promise<StatsSummaryRows | { rebuild: SummaryRebuildReason }> {
  const { scope, days, now } = query;
  return guarded(() =>
    db.transaction('r', [db.decks, db.cardStates, db.daySummaries, db.dueDays, db.cardSummaries, db.settings, db.summaryMeta], async () => {
      const rebuild = await summaryBasisStale(db);
      if (rebuild) return { rebuild };
      const settings = await loadSettings(db);
      const clock = { now, dayStartHour: settings.dayStartHour, timeZone: db.timeZone };
      // Retention always covers the last 30 days, whatever the period.
      const window = pastDays(clock, Math.max(days, RETENTION_DAYS));
      const lastDay = window.firstDay + window.length - 1;
      const key = scope === 'all' ? ALL_DECKS : scope;
      const [dayRows, decks, cardRows, buriedRows, forecast] = await Promise.all([
        db.daySummaries.where(':id').between([key, window.firstDay], [key, lastDay], true, true).toArray(),
        db.decks.toArray(),
        scope === 'all' ? db.cardSummaries.toArray() : db.cardSummaries.where(':id').equals(scope).toArray(),
        (scope === 'all'
          ? db.cardStates.where('buried').above(now)
          : db.cardStates.where('buried').above(now).filter((r) => r.deckId === scope)
        ).toArray(),
        forecastCounts(db, key, clock),
      ]);
      const hidden = new Set(decks.filter((d) => d.hidden).map((d) => d.id));
      const inScope = (deckId: string) => scope !== 'all' || !hidden.has(deckId);
      const cards = emptyCardSummary(key);
      for (const row of cardRows) if (inScope(row.deckId)) mergeCardSummaries(cards, row);
      // Buried cards come back when their burial ends: the forecast counts them on that day.
      const windowStarts = dayWindow(clock, 0, FORECAST_DAYS).starts;
      let buried = 0;
      for (const row of buriedRows) {
        if (!inScope(row.deckId) || row.hidden || row.suspended) continue;
        buried++;
        if (row.dueAt === undefined || row.buriedUntil <= row.dueAt) continue;
        const lane = row.schedule.state === State.Review ? 'review' : 'learning';
        moveForecast(forecast, lane, windowStarts, row.dueAt, -1);
        moveForecast(forecast, lane, windowStarts, row.buriedUntil, 1);
      }
      if (scope === 'all') {
        for (const deckId of hidden) subtractForecast(forecast, await forecastCounts(db, deckId, clock));
      }
      const periodFirst = lastDay - days + 1;
      const input: SummaryStatsInput = {
        days: dayRows,
        cards,
        buried,
        forecast,
        studiedBefore: await streakBeforeFromSummaries(db, key, dayRows, periodFirst, lastDay),
        desiredRetention: settings.desiredRetention,
      };
      const shown = decks.filter((d) => !d.hidden).sort((a, b) => a.order - b.order);
      return { settings, input, rowsRead: dayRows.length, decks: shown };
    }),
  );
}

/**
 * Cards due on each of the forecast's days (today first), from the due-day rows kept with every
 * card write, and those due before today began, counted on the due-time indexes (few, usually).
 */
async function forecastCounts(db: RehearseDb, key: string, clock: StatsClock): Promise<ForecastCounts> {
  const window = dayWindow(clock, 0, FORECAST_DAYS);
  const todayStart = window.starts[0]!;
  const overdue = (lane: 'learnDue' | 'reviewDue') =>
    key === ALL_DECKS
      ? db.cardStates.where(lane).below(todayStart).count()
      : db.cardStates.where(`[deckId+${lane}]`).between([key, Dexie.minKey], [key, todayStart], true, false).count();
  const [rows, overdueLearning, overdueReview] = await Promise.all([
    db.dueDays.where(':id').between([key, window.firstDay], [key, window.firstDay + FORECAST_DAYS - 1], true, true).toArray(),
    overdue('learnDue'),
    overdue('reviewDue'),
  ]);
  const counts: ForecastCounts = {
    learning: new Array<number>(FORECAST_DAYS).fill(0),
    review: new Array<number>(FORECAST_DAYS).fill(0),
    overdueLearning,
    overdueReview,
  };
  for (const row of rows) {
    counts.learning[row.day - window.firstDay] = row.learning;
    counts.review[row.day - window.firstDay] = row.review;
  }
  return counts;
}

function moveForecast(f: ForecastCounts, lane: 'learning' | 'review', starts: number[], due: number, sign: 1 | -1): void {
  if (due < starts[0]!) {
    if (lane === 'learning') f.overdueLearning += sign;
    else f.overdueReview += sign;
    return;
  }
  for (let i = 0; i < starts.length - 1; i++) {
    if (due >= starts[i]! && due < starts[i + 1]!) {
      f[lane][i]! += sign;
      return;
    }
  }
}

function subtractForecast(f: ForecastCounts, g: ForecastCounts): void {
  f.overdueLearning -= g.overdueLearning;
  f.overdueReview -= g.overdueReview;
  g.learning.forEach((n, i) => (f.learning[i]! -= n));
  g.review.forEach((n, i) => (f.review[i]! -= n));
}

/**
 * When every day of the period up to yesterday has answers, the streak may go further back: the
 * scope's earlier study days, newest first, by key only, until the first day without answers.
 */
async function streakBeforeFromSummaries(db: RehearseDb, key: string, rows: DaySummary[], first: number, last: number): Promise<number[]> {
  const studied = new Set(rows.filter((r) => answersIn(r) > 0).map((r) => r.day));
  for (let d = first; d < last; d++) if (!studied.has(d)) return [];
  const found: number[] = [];
  let expected = first - 1;
  let upTo = first - 1;
  for (;;) {
    const keys = (await db.daySummaries
      .where(':id')
      .between([key, upTo - 365], [key, upTo], true, true)
      .reverse()
      .primaryKeys()) as unknown as Array<[string, number]>;
    for (const [, day] of keys) {
      if (day !== expected) return found;
      found.push(day);
      expected--;
    }
    if (keys.length < 366) return found;
    upTo -= 366;
  }
}

/** Why the summaries no longer count days as this device does, or null while they do (in a transaction over summaryMeta and settings). */
async function summaryBasisStale(db: RehearseDb): Promise<SummaryRebuildReason | null> {
  const [meta, scheduler] = await Promise.all([db.summaryMeta.get(SUMMARY_BASIS_KEY), db.settings.get('scheduler')]);
  const basis = currentBasis(scheduler?.value, db.timeZoneId());
  if (meta && !meta.stale && sameBasis(meta, basis)) return null;
  if (!meta || meta.stale) return 'interrupted';
  return meta.dayStartHour !== basis.dayStartHour ? 'day-start' : 'zone';
}

/** Counts the log into its days again under today's day start and zone (a settings change, a trip, an interrupted rebuild). */
async function rebuildSummaries(db: RehearseDb, now: number): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.reviews, db.cardStates, db.daySummaries, db.dueDays, db.cardSummaries, db.summaryMeta, db.settings], () =>
      rebuildDaySummaries(db, { timeZone: db.timeZone, id: db.timeZoneId() }, now),
    ),
  );
}
