// Messages between the browser and its search worker (searchWorker.ts).
import type { BrowseQuery, IndexedCard } from '../../storage/browse.ts';

export type SearchRequest =
  | {
      type: 'search';
      id: number;
      dbName: string;
      query: BrowseQuery;
      now: number;
      dayStartHour: number;
      /** A fixed zone offset (tests, bench); absent: the runtime's zone. */
      timeZone?: number;
      /** How many of the first matches to send. */
      limit: number;
    }
  /** Cards or states changed: read the index again before the next search. */
  | { type: 'stale' };

export type SearchResponse =
  | { type: 'result'; id: number; total: number; page: IndexedCard[] }
  | { type: 'error'; id: number; message: string };
