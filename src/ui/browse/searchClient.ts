// The browser's side of the search worker: one worker per database for the session, told to read
// the index again whenever cards or their states change (in this tab or another). Where workers
// are missing (tests in Node), the same search runs here.
import { loadBrowseIndex, searchCards, type BrowseIndex, type BrowseQuery, type IndexedCard } from '../../storage/browse.ts';
import { onDatabaseChange, type RehearseDb } from '../../storage/index.ts';
import type { SearchRequest, SearchResponse } from './searchProtocol.ts';

/** A search's count and first `limit` matches. */
export interface SearchPage {
  total: number;
  page: IndexedCard[];
}

export interface SearchOptions {
  now: number;
  dayStartHour: number;
  limit: number;
}

interface Searcher {
  search(query: BrowseQuery, options: SearchOptions): Promise<SearchPage>;
}

let current: { db: RehearseDb; searcher: Searcher } | undefined;

/** The session's searcher for `db`. */
export function searcherFor(db: RehearseDb): Searcher {
  if (current?.db === db) return current.searcher;
  const searcher = typeof Worker === 'undefined' ? localSearcher(db) : workerSearcher(db);
  current = { db, searcher };
  return searcher;
}

function workerSearcher(db: RehearseDb): Searcher {
  const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module', name: 'search' });
  const waiting = new Map<number, { resolve(p: SearchPage): void; reject(e: Error): void }>();
  let next = 0;
  worker.addEventListener('message', (event: MessageEvent<SearchResponse>) => {
    const reply = event.data;
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.type === 'result') w.resolve({ total: reply.total, page: reply.page });
    else w.reject(new Error(`The search could not run: ${reply.message}`));
  });
  onDatabaseChange(db, (tables) => {
    if (tables.has('cards') || tables.has('cardStates')) worker.postMessage({ type: 'stale' } satisfies SearchRequest);
  });
  return {
    search(query, { now, dayStartHour, limit }) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const request: SearchRequest = {
          type: 'search',
          id,
          dbName: db.name,
          query,
          now,
          dayStartHour,
          limit,
          ...(typeof db.timeZone === 'number' ? { timeZone: db.timeZone } : {}),
        };
        worker.postMessage(request);
      });
    },
  };
}

function localSearcher(db: RehearseDb): Searcher {
  let index: Promise<BrowseIndex> | undefined;
  onDatabaseChange(db, (tables) => {
    if (tables.has('cards') || tables.has('cardStates')) index = undefined;
  });
  return {
    async search(query, { now, dayStartHour, limit }) {
      index ??= loadBrowseIndex(db);
      const matches = searchCards(await index, query, { now, dayStartHour, ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}) });
      return { total: matches.length, page: matches.slice(0, limit) };
    },
  };
}
