// The in-page half of `npm run bench:stats` (driven by scripts/bench-stats.ts): seeds the app's
// 'rehearse' database with bench:app's generated collection (bench/seedCollection.ts), then times
// the statistics screen's work — read the rows, compute the figures, render and paint them — each
// run beside a bare IndexedDB scan of the same rows in the same page.

import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { collectionStats } from '../../src/core/stats/collectionStats.ts';
import { startOfStudyDay } from '../../src/core/scheduling/day.ts';
import { pastDays } from '../../src/core/stats/dayWindow.ts';
import { loadSettings, openRehearseDb } from '../../src/storage/index.ts';
import { loadStatsRows } from '../../src/storage/statsQueries.ts';
import { StatsView } from '../../src/ui/stats/StatsView.tsx';
import '../../src/ui/theme.css';
import '../../src/ui/stats/stats.css';
import { BENCH_DECKS, collectionGenerator } from '../seedCollection.ts';

export interface StatsSeedReport {
  cards: number;
  reviewLogs: number;
  logsToday: number;
  seconds: number;
}

/** One scope and period, `runs` times; ms per run. */
export interface StatsTimes {
  scope: string;
  days: number;
  /** Rows read: answers in the period and card states. */
  logs: number;
  cards: number;
  bareScan: number[];
  /** Period answers + every card state whole, bare (all decks only, first 3 runs). */
  fullScan: number[];
  load: number[];
  compute: number[];
  render: number[];
  /** compute + render + the frame after it (what the 200 ms goal is about). */
  computeToPaint: number[];
}

export interface StatsBenchApi {
  seed(): Promise<StatsSeedReport>;
  time(scope: string, days: number, runs: number): Promise<StatsTimes>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const nextPaint = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );

async function seed(): Promise<StatsSeedReport> {
  const start = performance.now();
  const now = Date.now();
  const db = await openRehearseDb();
  const settings = await loadSettings(db);
  const dayStart = startOfStudyDay(now, settings.dayStartHour, db.timeZone);
  const generator = collectionGenerator(now, settings);
  const report: StatsSeedReport = { cards: 0, reviewLogs: 0, logsToday: 0, seconds: 0 };
  for (let d = 0; d < BENCH_DECKS; d++) {
    const { deck, cards, states, logs } = generator.deck(d);
    await db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews], async () => {
      await db.decks.put(deck);
      await db.cards.bulkPut(cards);
      await db.cardStates.bulkPut(states);
      await db.reviews.bulkPut(logs);
    });
    report.cards += cards.length;
    report.reviewLogs += logs.length;
    for (const log of logs) if (log.reviewedAt >= dayStart) report.logsToday++;
    document.getElementById('status')!.textContent = `seeded ${d + 1}/${BENCH_DECKS} decks`;
  }
  db.close();
  report.seconds = (performance.now() - start) / 1000;
  return report;
}

let root: Root | null = null;

async function time(scope: string, days: number, runs: number): Promise<StatsTimes> {
  const db = await openRehearseDb();
  const bare = await request(indexedDB.open('rehearse'));
  const settings = await loadSettings(db);
  const host = document.getElementById('stats')!;
  host.className = 'screen stats-screen';

  // The same reads as loadStatsRows, with bare calls in one transaction (for all decks: the
  // period's answers, the cards seen by the dueAt index, and new cards and all cards by key only).
  const bareScan = async (now: number) => {
    const periodStart = pastDays({ now, dayStartHour: settings.dayStartHour, timeZone: db.timeZone }, days).starts[0]!;
    const tx = bare.transaction(['reviewLogs', 'cardStates', 'decks', 'settings'], 'readonly');
    const logs = tx.objectStore('reviewLogs');
    const states = tx.objectStore('cardStates');
    return Promise.all(
      scope === 'all'
        ? [
            request(logs.index('reviewedAt').getAll(IDBKeyRange.lowerBound(periodStart))),
            request(states.index('dueAt').getAll()),
            request(states.index('[deckId+newRank]').getAllKeys()),
            request(states.getAllKeys()),
            request(tx.objectStore('decks').getAll()),
            request(tx.objectStore('settings').get('scheduler')),
          ]
        : [
            request(logs.index('deckId').getAll(scope)),
            request(states.index('deckId').getAll(scope)),
            request(tx.objectStore('settings').get('scheduler')),
          ],
    );
  };
  // What reading every card state whole would cost (the first version of loadStatsRows did).
  const fullScan = async (now: number) => {
    const periodStart = pastDays({ now, dayStartHour: settings.dayStartHour, timeZone: db.timeZone }, days).starts[0]!;
    const tx = bare.transaction(['reviewLogs', 'cardStates'], 'readonly');
    return Promise.all([
      request(tx.objectStore('reviewLogs').index('reviewedAt').getAll(IDBKeyRange.lowerBound(periodStart))),
      request(tx.objectStore('cardStates').getAll()),
    ]);
  };

  const out: StatsTimes = { scope, days, logs: 0, cards: 0, bareScan: [], fullScan: [], load: [], compute: [], render: [], computeToPaint: [] };
  // One unmeasured round: the first call pays for compiling, not for the work.
  for (let i = -1; i < runs; i++) {
    const now = Date.now();
    root?.unmount();
    root = createRoot(host);
    await nextPaint();

    let t = performance.now();
    await bareScan(now);
    const bareMs = performance.now() - t;
    if (scope === 'all' && i >= 0 && i < 3) {
      t = performance.now();
      await fullScan(now);
      out.fullScan.push(performance.now() - t);
    }

    t = performance.now();
    const rows = await loadStatsRows(db, { scope, days, now });
    const loadMs = performance.now() - t;

    const t0 = performance.now();
    const stats = collectionStats(
      {
        logs: rows.logs,
        cards: rows.cards,
        newCardsNotRead: rows.newCardsNotRead,
        studiedBefore: rows.studiedBefore,
        desiredRetention: rows.settings.desiredRetention,
      },
      { now, days, dayStartHour: rows.settings.dayStartHour, timeZone: db.timeZone },
    );
    const t1 = performance.now();
    flushSync(() => root!.render(createElement(StatsView, { stats })));
    const t2 = performance.now();
    const painted = await nextPaint();
    if (i < 0) continue;
    out.logs = rows.logs.length;
    out.cards = rows.cards.length;
    out.bareScan.push(bareMs);
    out.load.push(loadMs);
    out.compute.push(t1 - t0);
    out.render.push(t2 - t1);
    out.computeToPaint.push(painted - t0);
  }
  bare.close();
  db.close();
  return out;
}

const api: StatsBenchApi = { seed, time };
(window as unknown as { rehearseStatsBench: StatsBenchApi }).rehearseStatsBench = api;
