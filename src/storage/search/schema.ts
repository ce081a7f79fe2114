// The search index's tables (schema version 5 and later), declared by the RehearseDb constructor.
// Version 5 persists the index (shard.ts) and builds it from the cards already stored; from then
// on a middleware keeps it in step with every write (middleware.ts).

import type { Dexie, Transaction } from 'dexie';
import type { StoredCard, StoredCardState } from '../db.ts';
import { searchIndexMiddleware } from './middleware.ts';
import { buildSearchRows } from './shard.ts';

/** Version 5: the persisted search index. */
export const SCHEMA_V5_SEARCH = {
  searchShards: '[deckId+block]',
  searchDecks: 'deckId',
} as const;

/** What the version 5 upgrade did, when it ran at this open. */
export interface SearchUpgradeReport {
  cards: number;
  shards: number;
  ms: number;
}

const reports = new WeakMap<Dexie, SearchUpgradeReport>();

/** The version 5 upgrade's report, if this database was upgraded to it at open. */
export function searchUpgradeReport(db: Dexie): SearchUpgradeReport | undefined {
  return reports.get(db);
}

export function declareSearchSchema(db: Dexie): void {
  db.version(5)
    .stores(SCHEMA_V5_SEARCH)
    .upgrade(async (tx) => {
      const started = Date.now();
      const built = await buildSearchIndex(tx);
      reports.set(db, { ...built, ms: Date.now() - started });
    });
  db.use(searchIndexMiddleware());
}

/** Builds the whole index from the stored cards and states, in `tx` (which must write the index tables). */
export async function buildSearchIndex(tx: Transaction): Promise<{ cards: number; shards: number }> {
  const [cards, states] = await Promise.all([
    tx.table<StoredCard, string>('cards').toArray(),
    tx.table<StoredCardState, string>('cardStates').toArray(),
  ]);
  const { shards, decks } = buildSearchRows(cards, states);
  await Promise.all([tx.table('searchShards').clear(), tx.table('searchDecks').clear()]);
  for (let i = 0; i < shards.length; i += 50) await tx.table('searchShards').bulkPut(shards.slice(i, i + 50));
  await tx.table('searchDecks').bulkPut(decks);
  return { cards: cards.length, shards: shards.length };
}
