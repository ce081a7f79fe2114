// Keeps the persisted search index exact through every write, whoever makes it: a Dexie DBCore
// middleware sees each mutation of `cards` and `cardStates` (imports, edits, deck syncs, remote
// rows, deck deletions, restores, answers), and rewrites the shards those cards live in, in the
// same IndexedDB transaction. No caller has to remember; a tab that dies mid-write loses the
// card write and the index change together.

import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { derivedTablesMiddleware } from '../derivedTables.ts';
import type { StoredCard, StoredCardState } from '../db.ts';
import {
  countIndexed,
  emptySearchDeck,
  decodeShard,
  encodeShard,
  indexedCardOf,
  patchShardFields,
  shardKeyOf,
  shardKeyText,
  type IndexedCard,
  type StoredSearchDeck,
  type StoredSearchShard,
} from './shard.ts';

/** The index's own tables. */
export const SEARCH_TABLES = ['searchShards', 'searchDecks'] as const;
/** What every readwrite transaction over `cards` or `cardStates` also takes: the index, and both sources. */
const SEARCH_STORES = [...SEARCH_TABLES, 'cards', 'cardStates'];
const WATCHED = new Set(['cards', 'cardStates']);
/** DBCoreRangeType.Any: a whole-table range (`clear()`). */
const RANGE_ANY = 3;

export function searchIndexMiddleware(): Middleware<DBCore> {
  return derivedTablesMiddleware({
    name: 'RehearseSearchIndex',
    watched: WATCHED,
    stores: SEARCH_STORES,
    marker: 'searchShards',
    mutate: mutateIndexing,
  });
}

async function mutateIndexing(core: DBCore, table: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const trans = req.trans;
  const cardsTable = core.table('cards');
  if (req.type === 'deleteRange' && table.name === 'cards' && req.range.type === RANGE_ANY) {
    // Every card goes (a restore): so does the whole index.
    const res = await table.mutate(req);
    await Promise.all(SEARCH_TABLES.map((t) => core.table(t).mutate({ trans, type: 'deleteRange', range: req.range })));
    return res;
  }
  let ids: string[];
  if (req.type === 'deleteRange') {
    ids = (await table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: req.range } })).result as string[];
  } else if (req.type === 'delete') {
    ids = req.keys as string[];
  } else {
    const extract = table.schema.primaryKey.extractKey!;
    ids = (req.keys ?? req.values.map((v) => extract(v))) as string[];
  }
  ids = [...new Set(ids)];
  // Where each card's entry is now: a card row that changes may move it to another shard.
  const before = (await cardsTable.getMany({ trans, keys: ids })) as Array<StoredCard | undefined>;
  const res = await table.mutate(req);
  const [cards, states] = (await Promise.all([
    table.name === 'cards' ? cardsTable.getMany({ trans, keys: ids }) : before,
    core.table('cardStates').getMany({ trans, keys: ids }),
  ])) as [Array<StoredCard | undefined>, Array<StoredCardState | undefined>];
  const after = cards.map((c, i) => (c ? indexedCardOf(c, states[i]) : undefined));
  // A state written (an answer, a burial): its cards' numbers change in place, their texts do not.
  if (table.name === 'cardStates' && (req.type === 'put' || req.type === 'add') && (await patchFields(core, trans, after))) return res;
  await applyToIndex(core, trans, ids, before, after);
  return res;
}

/**
 * Writes the new fields of cards whose shard and totals stay as they are, leaving each shard's
 * texts alone (an answer no longer decodes and re-encodes a shard of 512 cards' text). False, with
 * nothing written, when any card needs more: `applyToIndex` then does the whole move.
 */
async function patchFields(core: DBCore, trans: DBCoreTransaction, after: Array<IndexedCard | undefined>): Promise<boolean> {
  const groups = new Map<string, { key: [string, number]; cards: IndexedCard[] }>();
  for (const c of after) {
    if (!c) return false;
    const key = shardKeyOf(c.deckId, c.position);
    const k = shardKeyText(key);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = { key, cards: [] }));
    group.cards.push(c);
  }
  const list = [...groups.values()];
  const shardsTable = core.table('searchShards');
  const rows = (await shardsTable.getMany({ trans, keys: list.map((g) => g.key) })) as Array<StoredSearchShard | undefined>;
  const patched: StoredSearchShard[] = [];
  for (const [i, group] of list.entries()) {
    const next = rows[i] && patchShardFields(rows[i]!, group.cards);
    if (!next) return false;
    patched.push(next);
  }
  if (patched.length) await shardsTable.mutate({ trans, type: 'put', values: patched });
  return true;
}

/** Moves each card `ids[i]` from where `before[i]` put it to `after[i]` (absent: out of the index). */
async function applyToIndex(
  core: DBCore,
  trans: DBCoreTransaction,
  ids: string[],
  before: Array<StoredCard | undefined>,
  after: Array<IndexedCard | undefined>,
): Promise<void> {
  const keys = new Map<string, [string, number]>();
  const note = (deckId: string, position: number) => {
    const key = shardKeyOf(deckId, position);
    keys.set(shardKeyText(key), key);
  };
  before.forEach((c) => c && note(c.deckId, c.position));
  after.forEach((c) => c && note(c.deckId, c.position));
  if (!keys.size) return;
  const shardsTable = core.table('searchShards');
  const decksTable = core.table('searchDecks');
  const keyList = [...keys.values()];
  const deckIds = [...new Set(keyList.map((k) => k[0]))];
  const [rows, deckRows] = (await Promise.all([
    shardsTable.getMany({ trans, keys: keyList }),
    decksTable.getMany({ trans, keys: deckIds }),
  ])) as [Array<StoredSearchShard | undefined>, Array<StoredSearchDeck | undefined>];
  const shards = new Map(keyList.map((k, i) => [shardKeyText(k), new Map((rows[i] ? decodeShard(rows[i]!) : []).map((c) => [c.id, c]))]));
  const decks = new Map(deckIds.map((id, i) => [id, deckRows[i] ? { ...deckRows[i]!, tags: { ...deckRows[i]!.tags } } : emptySearchDeck(id)]));
  ids.forEach((id, i) => {
    const old = before[i];
    if (old) {
      const shard = shards.get(shardKeyText(shardKeyOf(old.deckId, old.position)))!;
      const entry = shard.get(id);
      if (entry) {
        shard.delete(id);
        countIndexed(decks.get(entry.deckId)!, entry, -1);
      }
    }
    const next = after[i];
    if (next) {
      shards.get(shardKeyText(shardKeyOf(next.deckId, next.position)))!.set(id, next);
      countIndexed(decks.get(next.deckId)!, next, 1);
    }
  });
  const puts: StoredSearchShard[] = [];
  const deletes: Array<[string, number]> = [];
  keyList.forEach((key) => {
    const cards = shards.get(shardKeyText(key))!;
    if (cards.size) puts.push(encodeShard(key[0], key[1], [...cards.values()]));
    else deletes.push(key);
  });
  const deckPuts = [...decks.values()].filter((d) => d.cards > 0);
  const deckDeletes = [...decks.values()].filter((d) => d.cards <= 0).map((d) => d.deckId);
  await Promise.all([
    puts.length ? shardsTable.mutate({ trans, type: 'put', values: puts }) : undefined,
    deletes.length ? shardsTable.mutate({ trans, type: 'delete', keys: deletes }) : undefined,
    deckPuts.length ? decksTable.mutate({ trans, type: 'put', values: deckPuts }) : undefined,
    deckDeletes.length ? decksTable.mutate({ trans, type: 'delete', keys: deckDeletes }) : undefined,
  ]);
}

