// The in-page half of `npm run bench:app` (driven by scripts/bench-app.ts): seeds the app's
// 'rehearse' database with a generated collection through Dexie `bulkPut`, and times the storage
// functions the app calls, each run beside the same work done with bare IndexedDB calls.
// Built into .tmp/bench-dist only (bench/vite.config.ts), never into dist/.

import { nextDayStart, startOfStudyDay, studyDayOf } from '../src/core/scheduling/day.ts';
import { Rating } from '../src/core/scheduling/fsrs.ts';
import type { QueueItem } from '../src/core/scheduling/queue.ts';
import { normalizeSettings } from '../src/core/scheduling/settings.ts';
import {
  deckCounts,
  deckListData,
  listDecks,
  loadSettings,
  openRehearseDb,
  recordReview,
  FIRST_QUEUE_CONTENT,
  studyQueue,
  type StoredCardState,
  type StoredReviewLog,
} from '../src/storage/index.ts';
import { request } from './idbRequest.ts';
import type { BenchApi, QueryTimes, SeedReport } from './protocol.ts';
import { BENCH_DECKS, collectionGenerator } from './seedCollection.ts';

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function seed(): Promise<SeedReport> {
  const now = Date.now();
  const db = await openRehearseDb();
  const settings = await loadSettings(db);
  const dayStart = startOfStudyDay(now, settings.dayStartHour, db.timeZone);
  const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
  const generator = collectionGenerator(now, settings);
  const report: SeedReport = {
    decks: 0,
    cards: 0,
    reviewLogs: 0,
    logsToday: 0,
    byState: [0, 0, 0, 0],
    suspended: 0,
    dueToday: 0,
    generateMs: 0,
    writeMs: 0,
  };
  const generate = (d: number) => {
    const t0 = performance.now();
    const generated = generator.deck(d);
    report.generateMs += performance.now() - t0;
    return generated;
  };
  const writeStart = performance.now();
  let next = generate(0);
  for (let d = 0; d < BENCH_DECKS; d++) {
    const { deck, cards, states, logs } = next;
    await db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews], async () => {
      const written = Promise.all([db.decks.put(deck), db.cards.bulkPut(cards), db.cardStates.bulkPut(states), db.reviews.bulkPut(logs)]);
      // The next deck is generated while the database writes this one.
      if (d + 1 < BENCH_DECKS) next = generate(d + 1);
      await written;
    });
    report.decks++;
    report.cards += cards.length;
    report.reviewLogs += logs.length;
    for (const log of logs) if (log.reviewedAt >= dayStart) report.logsToday++;
    for (const s of states) {
      report.byState[s.schedule.state]++;
      if (s.suspended) report.suspended++;
      if (s.dueAt !== undefined && s.dueAt < dayEnd) report.dueToday++;
    }
    document.getElementById('status')!.textContent = `seeded ${report.decks}/${BENCH_DECKS} decks`;
  }
  report.writeMs = performance.now() - writeStart - report.generateMs;
  db.close();
  return report;
}

async function timed(times: number[], work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  times.push(performance.now() - start);
}

async function timeQueries(runs: number): Promise<QueryTimes> {
  const db = await openRehearseDb();
  const bare = await request(indexedDB.open('rehearse'));
  const settings = normalizeSettings(await loadSettings(db));
  const decks = await listDecks(db);
  const deckIds = decks.map((d) => d.id);
  const benchDeck = deckIds.find((id) => id.startsWith('bench-deck-')) ?? deckIds[0]!;
  const dayEnd = nextDayStart(Date.now(), settings.dayStartHour, db.timeZone);
  const dueRowsRead = await db.cardStates.where('dueAt').below(dayEnd).count();

  const bareFirst50Due = () => {
    const tx = bare.transaction('cardStates', 'readonly');
    const range = IDBKeyRange.bound([benchDeck, -Infinity], [benchDeck, dayEnd], false, true);
    return request(tx.objectStore('cardStates').index('[deckId+dueAt]').getAll(range, 50));
  };
  const bareDueRange = () =>
    request(bare.transaction('cardStates', 'readonly').objectStore('cardStates').index('dueAt').getAll(IDBKeyRange.upperBound(dayEnd, true)));
  // What studyQueue must hand back at the least: the states of the queue's reviews and their content.
  const queueSize = settings.maxReviewsPerDayAllDecks;
  const bareQueueRows = async () => {
    const tx = bare.transaction(['cardStates', 'cards'], 'readonly');
    const rows = (await request(tx.objectStore('cardStates').index('reviewDue').getAll(IDBKeyRange.upperBound(dayEnd, true), queueSize))) as StoredCardState[];
    const cards = tx.objectStore('cards');
    return Promise.all(rows.map((r) => request(cards.get(r.cardId))));
  };
  const bareCountPerDeck = () => {
    const index = bare.transaction('cardStates', 'readonly').objectStore('cardStates').index('[deckId+dueAt]');
    return Promise.all(deckIds.map((id) => request(index.count(IDBKeyRange.bound([id, -Infinity], [id, dayEnd], false, true)))));
  };

  const times: QueryTimes = {
    studyQueue: [],
    bareFirst50Due: [],
    deckCounts: [],
    bareCountPerDeck: [],
    bareDueRange: [],
    bareQueueRows: [],
    recordReview: [],
    bareWrite: [],
    queueLearning: 0,
    queueMain: 0,
    decksCounted: 0,
    dueRowsRead,
  };
  // One unmeasured round first: the first call pays for opening and compiling, not for the work.
  // As the review screen reads it: the queue with its first cards' content (the rest follows).
  const screenQueue = () => studyQueue(db, 'all', Date.now(), { contentFor: FIRST_QUEUE_CONTENT });
  let queue = await screenQueue();
  await bareFirst50Due();
  await deckCounts(db, Date.now());
  await bareCountPerDeck();
  for (let i = 0; i < runs; i++) {
    await timed(times.studyQueue, async () => (queue = await screenQueue()));
    await timed(times.bareFirst50Due, bareFirst50Due);
    await timed(times.deckCounts, async () => (times.decksCounted = Object.keys((await deckCounts(db, Date.now())).byDeck).length));
    await timed(times.bareCountPerDeck, bareCountPerDeck);
    await timed(times.bareQueueRows, bareQueueRows);
  }
  // Apart: reading every row due today leaves thousands of objects for the collector, whose work
  // would land in whatever is timed next.
  for (let i = 0; i < runs; i++) await timed(times.bareDueRange, bareDueRange);
  times.queueLearning = queue.queue.learning.length;
  times.queueMain = queue.queue.main.length;

  // Writes: a real grade of a different review card each run, beside a bare put + add of rows of
  // the same shape (an existing state written back, a copy of an old log row).
  const reviews = queue.queue.main.filter((item: QueueItem) => item.schedule.state !== 0);
  const writeRuns = Math.min(reviews.length, runs * 3);
  for (let i = 0; i < writeRuns; i++) {
    const item = reviews[i]!;
    await timed(times.recordReview, () =>
      recordReview(db, { cardId: item.cardId, rating: Rating.Good, now: Date.now(), durationMs: 5000, expectedStateVersion: item.version }),
    );
    const other = reviews[reviews.length - 1 - i]!;
    const read = bare.transaction(['cardStates', 'reviews'], 'readonly');
    const state = (await request(read.objectStore('cardStates').get(other.cardId))) as StoredCardState;
    const log = (await request(read.objectStore('reviews').index('cardId').get(other.cardId))) as StoredReviewLog;
    // A copy of an old row under a new id (review ids are strings, not generated by the store).
    const logRow = { ...log, id: `bench-write-${Date.now().toString(36)}-${i}` };
    await timed(times.bareWrite, async () => {
      const tx = bare.transaction(['cardStates', 'reviews'], 'readwrite');
      tx.objectStore('cardStates').put(state);
      tx.objectStore('reviews').add(logRow);
      await done(tx);
    });
  }
  bare.close();
  db.close();
  return times;
}

/**
 * Where studyQueue's and deckCounts' time goes: each of the reads they make (or could make
 * instead), timed alone in its own read transaction, `runs` times; medians are taken by the driver.
 */
async function profileQueries(runs: number): Promise<Record<string, number[]>> {
  const db = await openRehearseDb();
  const settings = normalizeSettings(await loadSettings(db));
  const now = Date.now();
  const since = startOfStudyDay(now, settings.dayStartHour, db.timeZone);
  const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
  const deckIds = (await listDecks(db)).map((d) => d.id);
  const lo = -Infinity;
  const today = studyDayOf(now, settings.dayStartHour, db.timeZone);
  const splits: Record<string, () => Promise<unknown>> = {
    'settings + decks': () => Promise.all([loadSettings(db), db.decks.toArray()]),
    "today's answers, filter (cursor)": () => db.reviews.where('reviewedAt').aboveOrEqual(since).filter((r) => !r.voided).toArray(),
    "today's answers, getAll": () => db.reviews.where('reviewedAt').aboveOrEqual(since).toArray(),
    "today's answers, keys only": () => db.reviews.where('reviewedAt').aboveOrEqual(since).primaryKeys(),
    'buried rows': () => db.cardStates.where('buried').above(now).toArray(),
    "today's answer summaries per deck": () =>
      Promise.all(['*', ...deckIds].map((id) => db.daySummaries.where(':id').between([id, today], [id, Infinity], true, true).toArray())),
    'due-day summaries ≤ today per deck': () =>
      Promise.all(deckIds.map((id) => db.dueDays.where(':id').between([id, -Infinity], [id, today], true, true).toArray())),
    'learning rows, all decks': () => db.cardStates.where('learnDue').below(dayEnd).toArray(),
    'learning count() per deck': () =>
      Promise.all(deckIds.map((id) => db.cardStates.where('[deckId+learnDue]').between([id, lo], [id, dayEnd], true, false).count())),
    'review keys ≤ cap per deck': () =>
      Promise.all(
        deckIds.map((id) =>
          db.cardStates.where('[deckId+reviewDue]').between([id, lo], [id, dayEnd], true, false).limit(settings.maxReviewsPerDay).primaryKeys(),
        ),
      ),
    'review count() per deck': () =>
      Promise.all(deckIds.map((id) => db.cardStates.where('[deckId+reviewDue]').between([id, lo], [id, dayEnd], true, false).count())),
    'new keys ≤ cap per deck': () =>
      Promise.all(
        deckIds.map((id) => db.cardStates.where('[deckId+newRank]').between([id, lo], [id, Infinity]).limit(settings.newCardsPerDay).primaryKeys()),
      ),
    'first reviews ≤ overall cap, rows': () => db.cardStates.where('reviewDue').below(dayEnd).limit(settings.maxReviewsPerDayAllDecks).toArray(),
    'first reviews ≤ overall cap, keys': () =>
      db.cardStates.where('reviewDue').below(dayEnd).limit(settings.maxReviewsPerDayAllDecks).primaryKeys(),
    'queue content (cards) bulkGet': async () => {
      const ids = await db.cardStates.where('reviewDue').below(dayEnd).limit(settings.maxReviewsPerDayAllDecks).primaryKeys();
      return db.cards.bulkGet(ids);
    },
    'empty read transaction': () => Promise.resolve(),
  };
  const queueIds = await db.cardStates.where('reviewDue').below(dayEnd).limit(settings.maxReviewsPerDayAllDecks).primaryKeys();
  // These open their own transactions, as the app calls them.
  const whole: Record<string, () => Promise<unknown>> = {
    'queue content, bare get() each': () => {
      const store = db.backendDB().transaction('cards', 'readonly').objectStore('cards');
      return Promise.all(queueIds.map((id) => request(store.get(id))));
    },
    'queue states, bare get() each': () => {
      const store = db.backendDB().transaction('cardStates', 'readonly').objectStore('cardStates');
      return Promise.all(queueIds.map((id) => request(store.get(id))));
    },
    'queue content, Dexie bulkGet': () => db.cards.bulkGet(queueIds),
    'deckCounts whole': () => deckCounts(db, Date.now()),
    'deckListData whole': () => deckListData(db, Date.now()),
    'studyQueue, every card with its content': () => studyQueue(db, 'all', Date.now()),
    'studyQueue, the first cards with their content': () => studyQueue(db, 'all', Date.now(), { contentFor: FIRST_QUEUE_CONTENT }),
  };
  const alone = (work: () => Promise<unknown>) => () =>
    db.transaction('r', [db.decks, db.cards, db.cardStates, db.reviews, db.settings, db.daySummaries, db.dueDays], work);
  const all = Object.entries(splits).map(([name, work]): [string, () => Promise<unknown>] => [name, alone(work)]).concat(Object.entries(whole));
  const times: Record<string, number[]> = {};
  for (const [name, work] of all) {
    times[name] = [];
    await work(); // warm-up
  }
  for (let i = 0; i < runs; i++) for (const [name, work] of all) await timed(times[name]!, work);
  const counts = {
    "today's answers": await db.reviews.where('reviewedAt').aboveOrEqual(since).count(),
    'learning rows': await db.cardStates.where('learnDue').below(dayEnd).count(),
    'buried rows': await db.cardStates.where('buried').above(now).count(),
  };
  db.close();
  for (const [name, n] of Object.entries(counts)) times[`(rows) ${name}`] = [n];
  return times;
}

const api: BenchApi = { seed, timeQueries, profileQueries };
(window as unknown as { rehearseBench: BenchApi }).rehearseBench = api;
