// The in-page half of `npm run bench:stats` (driven by scripts/bench-stats.ts): seeds the app's
// 'rehearse' database with bench:app's generated collection (bench/seedCollection.ts); times the
// statistics screen's work in the page — read the summaries, compute, render, paint — beside bare
// IndexedDB reads of the same rows and beside the history read it replaced; and times the schema
// upgrade of the same collection written at version 2, checking every row after it.

import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { Dexie } from 'dexie';
import { startOfStudyDay } from '../../src/core/scheduling/day.ts';
import { normalizeSettings } from '../../src/core/scheduling/settings.ts';
import { FORECAST_DAYS } from '../../src/core/stats/collectionStats.ts';
import { dayWindow, pastDays } from '../../src/core/stats/dayWindow.ts';
import { ALL_DECKS, answersIn, statsFromSummaries } from '../../src/core/stats/summaries.ts';
import { SCHEMA_V2 } from '../../src/storage/db.ts';
import { loadSettings, openRehearseDb } from '../../src/storage/index.ts';
import { isLiveAnswer } from '../../src/storage/replayCards.ts';
import { loadStatsRows, loadStatsSummaries } from '../../src/storage/statsQueries.ts';
import { StatsView } from '../../src/ui/stats/StatsView.tsx';
import '../../src/ui/theme.css';
import '../../src/ui/stats/stats.css';
import { BENCH_DECKS, collectionGenerator } from '../seedCollection.ts';

export interface StatsSeedReport {
  /** The summaries' basis row after seeding (stale would mean the first read counts again). */
  basis: string;
  cards: number;
  reviewLogs: number;
  logsToday: number;
  seconds: number;
}

/** One scope and period, `runs` times, in the bench page; ms per run. */
export interface StatsTimes {
  scope: string;
  days: number;
  /** Summary rows read for the period. */
  rows: number;
  /** The same summary reads and index counts with bare IndexedDB calls. */
  bareRead: number[];
  /** loadStatsSummaries: what the screen reads now. */
  load: number[];
  /** loadStatsRows: the period's answers and the card states, what the screen read before (n=3). */
  historyRead: number[];
  /** Answers the history read held. */
  historyAnswers: number;
  compute: number[];
  render: number[];
  /** compute + render + the frame after it. */
  computeToPaint: number[];
}

/** The schema upgrade of a version-2 database of the same collection. */
export interface UpgradeReport {
  cards: number;
  reviews: number;
  /** Writing the v2 database (not timed as part of the upgrade). */
  seedSeconds: number;
  /** Opening it with the app: the v3 and v4 upgrades together. */
  openMs: number;
  /** Of which the v4 upgrade (counting the summaries). */
  v4Ms: number;
  /** Rows whose content differs after the upgrade (review ids and device aside, which v3 gives): must be 0. */
  changedStates: number;
  changedReviews: number;
  /** Answers counted by the summaries against the live answers in the log. */
  summaryAnswers: number;
  liveAnswers: number;
}

export interface StatsBenchApi {
  seed(): Promise<StatsSeedReport>;
  time(scope: string, days: number, runs: number): Promise<StatsTimes>;
  upgrade(): Promise<UpgradeReport>;
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
  const report: StatsSeedReport = { basis: '', cards: 0, reviewLogs: 0, logsToday: 0, seconds: 0 };
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
  // What the database holds, not what was generated (ids that collided once hid most of the log).
  report.reviewLogs = await db.reviews.count();
  report.basis = JSON.stringify(await db.summaryMeta.get('basis'));
  db.close();
  report.seconds = (performance.now() - start) / 1000;
  return report;
}

let root: Root | null = null;

async function time(scope: string, days: number, runs: number): Promise<StatsTimes> {
  const db = await openRehearseDb();
  const bare = await request(indexedDB.open('rehearse'));
  const host = document.getElementById('stats')!;
  host.className = 'screen stats-screen';
  const key = scope === 'all' ? ALL_DECKS : scope;

  // The reads loadStatsSummaries makes, with bare calls in one transaction.
  const bareRead = async (now: number) => {
    const settings = await loadSettings(db);
    const clock = { now, dayStartHour: settings.dayStartHour, timeZone: db.timeZone };
    const period = pastDays(clock, days);
    const starts = dayWindow(clock, 0, FORECAST_DAYS).starts;
    const tx = bare.transaction(['daySummaries', 'dueDays', 'cardSummaries', 'decks', 'settings', 'cardStates', 'summaryMeta'], 'readonly');
    const states = tx.objectStore('cardStates');
    const overdue = ['learnDue', 'reviewDue'].map((lane) =>
      scope === 'all'
        ? request(states.index(lane).count(IDBKeyRange.upperBound(starts[0]!, true)))
        : request(states.index(`[deckId+${lane}]`).count(IDBKeyRange.bound([scope, -Infinity], [scope, starts[0]!], false, true))),
    );
    const today = period.firstDay + days - 1;
    return Promise.all([
      request(tx.objectStore('daySummaries').getAll(IDBKeyRange.bound([key, period.firstDay], [key, today]))),
      scope === 'all' ? request(tx.objectStore('cardSummaries').getAll()) : request(tx.objectStore('cardSummaries').get(scope)),
      request(tx.objectStore('dueDays').getAll(IDBKeyRange.bound([key, today], [key, today + FORECAST_DAYS - 1]))),
      request(tx.objectStore('decks').getAll()),
      request(tx.objectStore('settings').get('scheduler')),
      request(tx.objectStore('summaryMeta').get('basis')),
      request(states.index('buried').getAll(IDBKeyRange.lowerBound(now, true))),
      ...overdue,
    ]);
  };

  const out: StatsTimes = { scope, days, rows: 0, bareRead: [], load: [], historyRead: [], historyAnswers: 0, compute: [], render: [], computeToPaint: [] };
  // One unmeasured round: the first call pays for compiling, not for the work.
  for (let i = -1; i < runs; i++) {
    const now = Date.now();
    root?.unmount();
    root = createRoot(host);
    await nextPaint();

    let t = performance.now();
    await bareRead(now);
    const bareMs = performance.now() - t;
    if (i >= 0 && i < 3) {
      t = performance.now();
      const history = await loadStatsRows(db, { scope, days, now });
      out.historyRead.push(performance.now() - t);
      out.historyAnswers = history.logs.length;
    }

    t = performance.now();
    const rows = await loadStatsSummaries(db, { scope, days, now });
    const loadMs = performance.now() - t;

    const t0 = performance.now();
    const stats = statsFromSummaries(rows.input, { now, days, dayStartHour: rows.settings.dayStartHour, timeZone: db.timeZone });
    const t1 = performance.now();
    flushSync(() => root!.render(createElement(StatsView, { stats })));
    const t2 = performance.now();
    const painted = await nextPaint();
    if (i < 0) continue;
    out.rows = rows.rowsRead;
    out.bareRead.push(bareMs);
    out.load.push(loadMs);
    out.compute.push(t1 - t0);
    out.render.push(t2 - t1);
    out.computeToPaint.push(painted - t0);
  }
  bare.close();
  db.close();
  return out;
}

const UPGRADE_DB = 'rehearse-upgrade-bench';

/** A row's content as a string, without the fields an upgrade gives (review ids, the device). */
function content(row: object): string {
  const { id: _id, device: _device, ...rest } = row as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** Writes the collection into a version-2 database (numeric review ids), then opens it with the app and checks every row. */
async function upgrade(): Promise<UpgradeReport> {
  await Dexie.delete(UPGRADE_DB);
  const seedStart = performance.now();
  const now = Date.now();
  const old = new Dexie(UPGRADE_DB);
  old.version(2).stores(SCHEMA_V2);
  const settings = normalizeSettings({});
  const generator = collectionGenerator(now, settings);
  const states = new Map<string, string>();
  const reviews: string[] = [];
  for (let d = 0; d < BENCH_DECKS; d++) {
    const { deck, cards, states: rows, logs } = generator.deck(d);
    const v2Logs = logs.map(({ id: _id, device: _device, ...rest }) => rest);
    await old.transaction('rw', ['decks', 'cards', 'cardStates', 'reviewLogs'], async () => {
      await old.table('decks').put(deck);
      await old.table('cards').bulkPut(cards);
      await old.table('cardStates').bulkPut(rows);
      await old.table('reviewLogs').bulkAdd(v2Logs);
    });
    for (const r of rows) states.set(r.cardId, content(r));
    for (const r of v2Logs) reviews.push(content(r));
    document.getElementById('status')!.textContent = `wrote ${d + 1}/${BENCH_DECKS} decks at schema version 2`;
  }
  old.close();
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const t = performance.now();
  const db = await openRehearseDb(UPGRADE_DB);
  const openMs = performance.now() - t;
  const v4Ms = db.upgradeReport?.version === 4 ? db.upgradeReport.ms : NaN;
  let changedStates = 0;
  for (const row of await db.cardStates.toArray()) if (states.get(row.cardId) !== content(row)) changedStates++;
  changedStates += Math.max(0, states.size - (await db.cardStates.count()));
  const after = (await db.reviews.toArray()).map(content).sort();
  reviews.sort();
  let changedReviews = Math.abs(after.length - reviews.length);
  for (let i = 0; i < Math.min(after.length, reviews.length); i++) if (after[i] !== reviews[i]) changedReviews++;
  const all = await db.daySummaries.where(':id').between([ALL_DECKS, Dexie.minKey], [ALL_DECKS, Dexie.maxKey]).toArray();
  const summaryAnswers = all.reduce((n, r) => n + answersIn(r), 0);
  const liveAnswers = (await db.reviews.toArray()).filter(isLiveAnswer).length;
  db.close();
  await Dexie.delete(UPGRADE_DB);
  return { cards: states.size, reviews: reviews.length, seedSeconds, openMs, v4Ms, changedStates, changedReviews, summaryAnswers, liveAnswers };
}

const api: StatsBenchApi = { seed, time, upgrade };
(window as unknown as { rehearseStatsBench: StatsBenchApi }).rehearseStatsBench = api;
