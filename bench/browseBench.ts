// The in-page half of `npm run bench:browse` (driven by scripts/bench-browse.ts): seeds the app's
// database with bench:app's generated collection (100,000 cards, a year of answers; the search
// index is written as the cards are), times the persisted index's reads, searches, edits and a
// whole rebuild (the version 5 upgrade's work) beside bare IndexedDB reads and writes of the same
// rows, and times the optimizer (the app's worker and WebAssembly) on 100,000 generated reviews.
// Built into .tmp/bench-browse-dist only, never into dist/.

import { columnsFromEvents } from '../src/core/optimizer/columns.ts';
import { EXAMPLE_TRUE_WEIGHTS, simulateReviewLog } from '../src/core/optimizer/simulate.ts';
import { studyDayOf } from '../src/core/scheduling/day.ts';
import { default_w } from 'ts-fsrs';
import {
  DEFAULT_BROWSE_QUERY,
  firstListingPage,
  loadBrowseIndex,
  loadBrowseOutline,
  searchCards,
  withCardText,
  type BrowseQuery,
} from '../src/storage/browse.ts';
import { editCard } from '../src/storage/cardEdits.ts';
import { buildSearchIndex } from '../src/storage/search/schema.ts';
import { loadSettings, openRehearseDb, suspendCard } from '../src/storage/index.ts';
import { runOptimizer } from '../src/ui/optimizer/optimizerClient.ts';
import { BENCH_DECKS, collectionGenerator } from './seedCollection.ts';

export interface BrowseSeedReport {
  cards: number;
  reviewLogs: number;
  ms: number;
}

export interface SearchTimes {
  /** Outline (decks, counts, tags) and the plain listing's first 50 cards with their text. */
  firstPage: number[];
  /** Bare IndexedDB: the decks and the first 50 cards of the first deck. */
  bareFirstPage: number[];
  /** Every shard of the persisted index read and decoded (what the search worker does once). */
  loadIndex: number[];
  /** Bare IndexedDB: getAll() of cards and of cardStates, the rows the index reads. */
  bareScan: number[];
  /** The same rows read through Dexie (toArray in one transaction), without building the index. */
  dexieRead: number[];
  /** Per query: times of `searchCards` and its match count. */
  queries: Array<{ label: string; times: number[]; matches: number }>;
  cards: number;
  /** editCard on one card: the card write with its index shard rewritten, one transaction. */
  edit: number[];
  /** Bare IndexedDB put of the same card row. */
  bareEdit: number[];
  /** suspendCard: a card-state write (as an answer makes) with its shard rewritten. */
  stateWrite: number[];
  /** Bare IndexedDB put of the same state row. */
  bareStateWrite: number[];
  /** Rebuilding the whole index from every card and state (the version 5 upgrade's work), once. */
  rebuildMs: number;
  shards: number;
}

export interface OptimizerTimes {
  reviews: number;
  items: number;
  /** From posting the log to the worker to its result (load, train, evaluate). */
  totalMs: number;
  /** fsrs-browser's computeParameters alone. */
  trainMs: number;
  logLossDefault: number;
  logLossFitted: number;
}

export interface BrowseBenchApi {
  seed(): Promise<BrowseSeedReport>;
  timeSearch(runs: number): Promise<SearchTimes>;
  timeRebuild(): Promise<{ ms: number; shards: number; cards: number }>;
  timeOptimizer(reviews: number): Promise<OptimizerTimes>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function seed(): Promise<BrowseSeedReport> {
  const started = performance.now();
  const db = await openRehearseDb();
  const generator = collectionGenerator(Date.now(), await loadSettings(db));
  let cards = 0;
  let reviewLogs = 0;
  for (let d = 0; d < BENCH_DECKS; d++) {
    const { deck, cards: c, states, logs } = generator.deck(d);
    await db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews], () =>
      Promise.all([db.decks.put(deck), db.cards.bulkPut(c), db.cardStates.bulkPut(states), db.reviews.bulkPut(logs)]),
    );
    cards += c.length;
    reviewLogs += logs.length;
  }
  db.close();
  return { cards, reviewLogs, ms: performance.now() - started };
}

async function bareScan(): Promise<number> {
  const t0 = performance.now();
  const idb = await request(indexedDB.open('rehearse'));
  const tx = idb.transaction(['cards', 'cardStates'], 'readonly');
  const [cards, states] = await Promise.all([request(tx.objectStore('cards').getAll()), request(tx.objectStore('cardStates').getAll())]);
  const ms = performance.now() - t0;
  idb.close();
  if (!cards.length || !states.length) throw new Error('nothing seeded');
  return ms;
}

async function bareFirstPage(): Promise<number> {
  const t0 = performance.now();
  const idb = await request(indexedDB.open('rehearse'));
  const tx = idb.transaction(['decks', 'cards'], 'readonly');
  const decks = (await request(tx.objectStore('decks').getAll())) as Array<{ id: string; order: number }>;
  decks.sort((a, b) => a.order - b.order);
  const cards = await request(tx.objectStore('cards').index('deckId').getAll(IDBKeyRange.only(decks[0]!.id), 50));
  const ms = performance.now() - t0;
  idb.close();
  if (cards.length !== 50) throw new Error('nothing seeded');
  return ms;
}

async function barePut(store: 'cards' | 'cardStates', row: unknown): Promise<number> {
  const idb = await request(indexedDB.open('rehearse'));
  const t0 = performance.now();
  const tx = idb.transaction([store], 'readwrite');
  tx.objectStore(store).put(row);
  await new Promise((done, fail) => ((tx.oncomplete = done), (tx.onerror = () => fail(tx.error))));
  const ms = performance.now() - t0;
  idb.close();
  return ms;
}

async function timeSearch(runs: number): Promise<SearchTimes> {
  const db = await openRehearseDb();
  const settings = await loadSettings(db);
  const out: SearchTimes = { firstPage: [], bareFirstPage: [], loadIndex: [], bareScan: [], dexieRead: [], queries: [], cards: 0, edit: [], bareEdit: [], stateWrite: [], bareStateWrite: [], rebuildMs: 0, shards: 0 };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const outline = await loadBrowseOutline(db);
    const page = await withCardText(db, await firstListingPage(db, outline, 'all', 50));
    out.firstPage.push(performance.now() - t0);
    if (page.length !== 50) throw new Error('first page short');
    out.bareFirstPage.push(await bareFirstPage());
  }
  // Three loads are plenty: each reads the whole index, and the bare scan 200,000 rows.
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t0 = performance.now();
    const index = await loadBrowseIndex(db);
    out.loadIndex.push(performance.now() - t0);
    out.cards = index.entries.length;
    out.bareScan.push(await bareScan());
    const t1 = performance.now();
    await db.transaction('r', [db.decks, db.cards, db.cardStates], () => Promise.all([db.decks.toArray(), db.cards.toArray(), db.cardStates.toArray()]));
    out.dexieRead.push(performance.now() - t1);
  }
  const index = await loadBrowseIndex(db);
  const q = (label: string, changes: Partial<BrowseQuery>) => ({ label, query: { ...DEFAULT_BROWSE_QUERY, ...changes } });
  const queries = [
    q('one word ("quantization")', { text: 'quantization' }),
    q('two words ("attention cache")', { text: 'attention cache' }),
    q('a phrase ("simple idempotency baseline")', { text: '"simple idempotency baseline"' }),
    q('a word found nowhere', { text: 'zebracorn' }),
    q('a word, due today, by due date', { text: 'latency', due: 'today', sort: 'due' }),
    q('one deck, most lapses first', { deckId: 'bench-deck-07', sort: 'lapses' }),
    q('everything, deck order', {}),
  ];
  const context = { now: Date.now(), dayStartHour: settings.dayStartHour };
  for (const { label, query } of queries) {
    const times: number[] = [];
    let matches = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      matches = searchCards(index, query, context).length;
      times.push(performance.now() - t0);
    }
    out.queries.push({ label, times, matches });
  }
  // Edits of cards spread over the collection, each its own transaction, beside a bare put.
  const ids = index.entries.filter((_, i) => i % 997 === 0).slice(0, runs).map((e) => e.id);
  for (const id of ids) {
    const t0 = performance.now();
    const card = await editCard(db, id, { front: `Edited for the bench ${id}`, back: 'Edited', tags: ['bench'] });
    out.edit.push(performance.now() - t0);
    out.bareEdit.push(await barePut('cards', card));
    const t1 = performance.now();
    await suspendCard(db, id, true);
    out.stateWrite.push(performance.now() - t1);
    out.bareStateWrite.push(await barePut('cardStates', await db.cardStates.get(id)));
  }
  db.close();
  return out;
}

/** Rebuilds the whole index from the cards and states, as the version 5 upgrade does. */
async function timeRebuild(): Promise<{ ms: number; shards: number; cards: number }> {
  const db = await openRehearseDb();
  const t0 = performance.now();
  const built = await db.transaction('rw', ['cards', 'cardStates', 'searchShards', 'searchDecks'], (tx) => buildSearchIndex(tx));
  const ms = performance.now() - t0;
  db.close();
  return { ms, ...built };
}

async function timeOptimizer(reviews: number): Promise<OptimizerTimes> {
  const today = studyDayOf(Date.now(), 4);
  const events = simulateReviewLog({ weights: EXAMPLE_TRUE_WEIGHTS, cards: Math.ceil(reviews / 6), days: 365, firstDay: today - 366, dayStartHour: 4, maxReviews: reviews });
  const t0 = performance.now();
  const run = runOptimizer({ log: columnsFromEvents(events), current: [...default_w], dayStartHour: 4 }, () => undefined);
  const result = await run.result;
  const totalMs = performance.now() - t0;
  if (result.type !== 'done') throw new Error(`optimizer: ${JSON.stringify(result)}`);
  return {
    reviews: events.length,
    items: result.items,
    totalMs,
    trainMs: result.trainMs,
    logLossDefault: result.currentFit.logLoss,
    logLossFitted: result.fittedFit.logLoss,
  };
}

/** Puts the API on the page (browse-bench.html calls it, unless the page is the bare baseline). */
export function install(): void {
  const api: BrowseBenchApi = { seed, timeSearch, timeRebuild, timeOptimizer };
  (window as unknown as { rehearseBrowseBench: BrowseBenchApi }).rehearseBrowseBench = api;
  document.getElementById('status')!.textContent = 'Bench page ready.';
}
