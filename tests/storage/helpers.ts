// Fresh fake IndexedDB per test, and small deck factories.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { assignCardIds } from '../../src/core/deck/cardId.ts';
import { DECK_FORMAT, DECK_VERSION, type Deck } from '../../src/core/deck/types.ts';
import type { QueueCard } from '../../src/core/scheduling/queue.ts';
import type { SyncRow } from '../../src/core/sync/rows.ts';
import { openRehearseDb, type OpenOptions, type RehearseDb, type StoredCardState, type StoredReviewLog } from '../../src/storage/index.ts';
import { importedDeckIds, listRows, localMonths } from '../../src/storage/syncStore.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** 2024-06-10 12:00 UTC; databases in tests use a zone offset of 0. */
export const NOON = Date.UTC(2024, 5, 10, 12);

export function freshFactory(): Pick<OpenOptions, 'indexedDB' | 'IDBKeyRange'> {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export async function openTestDb(
  factory = freshFactory(),
  name = 'rehearse-test',
  extra: Partial<OpenOptions> = {},
): Promise<RehearseDb> {
  const db = await openRehearseDb(name, { ...factory, timeZone: 0, ...extra });
  // Fuzz off so intervals are exact.
  await db.settings.put({ key: 'scheduler', value: { enableFuzz: false } });
  return db;
}

export function makeDeck(id: string, pairs: Array<[front: string, back: string]>, title = id): Deck {
  const ids = assignCardIds(id, pairs.map(([front]) => front));
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    id,
    title,
    source: `${id}.md`,
    layouts: ['markdown'],
    cards: pairs.map(([front, back], i) => ({
      id: ids[i]!,
      front,
      back,
      tags: [],
      kind: 'basic',
      meta: { line: i * 3 + 1 },
    })),
    warnings: [],
  };
}

export const QA: Array<[string, string]> = [
  ['What is a closure?', 'A function together with the variables it captured from its scope.'],
  ['What does HTTP 404 mean?', 'The server cannot find the requested resource.'],
  ['What is the time complexity of binary search?', 'O(log n), halving the range each step.'],
  ['What is a race condition?', 'An outcome that depends on the timing of concurrent operations.'],
  ['What is memoization?', 'Caching the results of a function by its arguments.'],
];

/** Review rows that still count (an undo voids a row; it is never deleted). */
export async function liveReviewRows(db: RehearseDb): Promise<StoredReviewLog[]> {
  return (await db.reviews.toArray()).filter((r) => !r.voided);
}

/** Everything `db` would push on a first sync. */
export async function allSyncRows(db: RehearseDb): Promise<SyncRow[]> {
  const rows: SyncRow[] = [];
  for (const month of await localMonths(db)) rows.push(...(await listRows(db, { kind: 'reviews', month })));
  rows.push(...(await listRows(db, { kind: 'registers' })));
  for (const deckId of await importedDeckIds(db)) rows.push(...(await listRows(db, { kind: 'deckCards', deckId })));
  return rows;
}

/** The queue's view of the stored states of the decks in `order` (deck id → place), for recomputations. */
export function queueCardsOf(states: readonly StoredCardState[], order: ReadonlyMap<string, number>): QueueCard[] {
  return states
    .filter((r) => order.has(r.deckId))
    .map((r) => ({
      cardId: r.cardId,
      deckId: r.deckId,
      schedule: r.schedule,
      version: r.version,
      position: r.position,
      suspended: r.suspended,
      buriedUntil: r.buriedUntil,
      hidden: r.hidden,
      deckOrder: order.get(r.deckId)!,
    }));
}
