// Reads for the statistics screen, in one read transaction. Answers are read for the chosen
// period only (the `reviewedAt` index for all decks; one deck's rows by its `deckId` index, which
// also gives its whole history for the streak). For all decks, new cards — most of a large
// collection — are only counted, by key: the cards seen come whole through the `dueAt` index,
// and the few in neither index (suspended, hidden) by their keys.

import { Dexie } from 'dexie';
import { studyDayOf, studyDayStart } from '../core/scheduling/day.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import { pastDays } from '../core/stats/dayWindow.ts';
import type { RehearseDb, StoredCardState, StoredReviewLog } from './db.ts';
import { guarded } from './errors.ts';
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
