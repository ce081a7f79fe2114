// How one collection is laid out in Yjs documents, and which document a row lives in.
//   <c>/index                  who wrote how much into which document (each device its own keys)
//   <c>/registers              Y.Map `rows`: register id → RegisterRow
//   <c>/cards/<deckId>/<shard> Y.Map `rows`: `card:<id>` → RegisterRow of an imported deck's card
//   <c>/reviews/<YYYY-MM>      Y.Map `rows`: `r:<id>` → ReviewRow, `v:<id>` → VoidRow
// Documents stay small: one per month of reviews, and an imported deck's cards in CARD_SHARDS
// pieces by a hash of the card id, so 100,000 cards never travel in one message.

import type * as Y from 'yjs';
import { registerDeck, rowMonth, type SyncRow } from '../core/sync/rows.ts';
import type { RowScope } from './store.ts';

/** Shards of one imported deck's cards. */
export const CARD_SHARDS = 16;

/** The part of a document name after `<collection>/`. */
export type DocSub = string;

export const INDEX_DOC: DocSub = 'index';
export const REGISTERS_DOC: DocSub = 'registers';

export function reviewsDoc(month: string): DocSub {
  return `reviews/${month}`;
}

export function cardsDoc(deckId: string, shard: number): DocSub {
  return `cards/${deckId}/${shard}`;
}

/** Every shard document of one imported deck. */
export function deckCardDocs(deckId: string): DocSub[] {
  return Array.from({ length: CARD_SHARDS }, (_, shard) => cardsDoc(deckId, shard));
}

/** The full document name the server sees. */
export function docName(collection: string, sub: DocSub): string {
  return `${collection}/${sub}`;
}

/** The shard of a card id: FNV-1a of its UTF-16 units, so every device picks the same one. */
export function cardShard(cardId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < cardId.length; i++) {
    hash ^= cardId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % CARD_SHARDS;
}

/** The document a row belongs to. A `card:` register whose deck is unknown stays in `registers`. */
export function docForRow(row: SyncRow): DocSub {
  if (row.t !== 'register') return reviewsDoc(rowMonth(row));
  const deckId = registerDeck(row);
  if (deckId !== undefined) return cardsDoc(deckId, cardShard(row.id.slice('card:'.length)));
  return REGISTERS_DOC;
}

/** The row's key in its document's `rows` map. Reviews and voids share a month, so they are prefixed. */
export function rowKey(row: SyncRow): string {
  if (row.t === 'review') return `r:${row.id}`;
  if (row.t === 'void') return `v:${row.id}`;
  return row.id;
}

/** The storage scope whose rows include every row of a document (a deck's cards: all its shards). */
export function scopeOfDoc(sub: DocSub): RowScope | undefined {
  if (sub === REGISTERS_DOC) return { kind: 'registers' };
  const month = /^reviews\/(\d{4}-\d{2})$/.exec(sub)?.[1];
  if (month) return { kind: 'reviews', month };
  const deck = /^cards\/(.+)\/(\d+)$/.exec(sub);
  if (deck) return { kind: 'deckCards', deckId: deck[1]! };
  return undefined;
}

/** The `rows` map of a row document. */
export function rowsMap(doc: Y.Doc): Y.Map<SyncRow> {
  return doc.getMap<SyncRow>('rows');
}

/**
 * A row document's `writes` map: device id → how many rows that device has written into it,
 * bumped in the same transaction as the rows (each device only its own key). The counters grow
 * with every write, an overwritten register included, so together they say how far a copy of the
 * document goes (a version vector: two copies with different writes differ in some counter).
 */
export function writesMap(doc: Y.Doc): Y.Map<number> {
  return doc.getMap<number>('writes');
}

/** A document's write counters, by device id in sorted order: how far this copy goes. */
export function writesSeen(doc: Y.Doc): Record<string, number> {
  const seen: Record<string, number> = {};
  for (const [device, count] of [...writesMap(doc).entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (typeof count === 'number') seen[device] = count;
  }
  return seen;
}

/** True when `a` and `b` hold the same counters. */
export function sameWrites(a: Record<string, number> | undefined, b: Record<string, number>): boolean {
  if (!a) return false;
  const keys = Object.keys(b);
  return Object.keys(a).length === keys.length && keys.every((key) => a[key] === b[key]);
}

/** A row read back from Yjs, checked enough that storage gets only rows of the right shape. */
export function isSyncRow(value: unknown): value is SyncRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as { t?: unknown; id?: unknown; hlc?: unknown };
  if (typeof row.id !== 'string') return false;
  if (row.t === 'register') return typeof row.hlc === 'string';
  return row.t === 'review' || row.t === 'void';
}

// ---- The index document -------------------------------------------------------------------

/**
 * One device's entry for one document: the document's `writesSeen` when that device last had it
 * in step (and every row of it in storage). Counters only grow, so a device that finds, in any
 * device's entry, a writer's counter greater than in its own lacks rows (or newer values) there.
 */
export interface IndexEntry {
  seen: Record<string, number>;
}

/** The index's flat map: `<docSub>@<deviceId>` → IndexEntry, and `paired@<deviceId>` once a device pushed everything. */
export function indexMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('docs');
}

const PAIRED = 'paired';

export function entryKey(sub: DocSub, device: string): string {
  return `${sub}@${device}`;
}

/** The key saying a device has pushed all its rows once (its first pairing is done). */
export function pairedKey(device: string): string {
  return entryKey(PAIRED, device);
}

/** Splits an index key; undefined for keys of another shape (or the paired marker). */
export function parseEntryKey(key: string): { sub: DocSub; device: string } | undefined {
  const at = key.lastIndexOf('@');
  if (at <= 0) return undefined;
  const sub = key.slice(0, at);
  if (sub === PAIRED) return undefined;
  return { sub, device: key.slice(at + 1) };
}

/** Documents the index says hold rows (or newer values) this device has not seen. */
export function docsLacking(index: Y.Map<unknown>, device: string): DocSub[] {
  const newest = new Map<DocSub, Record<string, number>>();
  const own = new Map<DocSub, Record<string, number>>();
  for (const [key, value] of index.entries()) {
    const parsed = parseEntryKey(key);
    const seen = (value as Partial<IndexEntry> | null)?.seen;
    if (!parsed || typeof seen !== 'object' || seen === null || scopeOfDoc(parsed.sub) === undefined) continue;
    const max = newest.get(parsed.sub) ?? {};
    for (const [writer, count] of Object.entries(seen)) if (typeof count === 'number' && count > (max[writer] ?? 0)) max[writer] = count;
    newest.set(parsed.sub, max);
    if (parsed.device === device) own.set(parsed.sub, seen);
  }
  const lacking: DocSub[] = [];
  for (const [sub, max] of newest) {
    const mine = own.get(sub) ?? {};
    if (Object.entries(max).some(([writer, count]) => count > (mine[writer] ?? 0))) lacking.push(sub);
  }
  return lacking;
}
