// Web Worker entry: the card browser's searches, off the main thread. Loads the persisted search
// index (every shard, a few hundred rows) on the first search, keeps it until told the cards
// changed, and answers each search with its count and first page only.
/// <reference lib="webworker" />
import { loadBrowseIndex, searchCards, type BrowseIndex, type IndexedCard } from '../../storage/browse.ts';
import { openRehearseDb, type RehearseDb } from '../../storage/index.ts';
import type { SearchRequest, SearchResponse } from './searchProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let db: Promise<RehearseDb> | undefined;
let index: Promise<BrowseIndex> | undefined;
/** The last search's matches, so "Show more" only slices. */
let last: { key: string; matches: IndexedCard[] } | undefined;

function currentIndex(dbName: string): Promise<BrowseIndex> {
  db ??= openRehearseDb(dbName, { onVersionChange: () => (db = undefined) });
  index ??= db.then(loadBrowseIndex);
  index.catch(() => (index = undefined));
  return index;
}

let queue: Promise<unknown> = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  if (request.type === 'stale') {
    index = undefined;
    last = undefined;
    return;
  }
  queue = queue.then(async () => {
    try {
      const built = await currentIndex(request.dbName);
      const key = JSON.stringify([request.query, request.dayStartHour, request.timeZone, Math.floor(request.now / 60_000)]);
      if (last?.key !== key) {
        const context = { now: request.now, dayStartHour: request.dayStartHour, ...(request.timeZone !== undefined ? { timeZone: request.timeZone } : {}) };
        last = { key, matches: searchCards(built, request.query, context) };
      }
      const reply: SearchResponse = { type: 'result', id: request.id, total: last.matches.length, page: last.matches.slice(0, request.limit) };
      scope.postMessage(reply);
    } catch (error) {
      scope.postMessage({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) } satisfies SearchResponse);
    }
  });
});
