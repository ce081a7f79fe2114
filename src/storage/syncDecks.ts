// Brings IndexedDB up to date with the decks the app ships (or the user imported). Content is
// replaced; scheduling state and review history are never touched for a card that still exists,
// follow a card whose question was lightly edited, and stay with a card that disappeared.

import { planCardSync, type SyncReport } from '../core/deckSync/index.ts';
import type { Deck } from '../core/deck/types.ts';
import { withIndexFields, type DeckOrigin, type RehearseDb, type StoredCard, type StoredCardState, type StoredDeck } from './db.ts';
import { guarded } from './errors.ts';
import { cardKey, deckKey, freshState, movedKey, type MovedValue } from './registers.ts';
import { noteChanges, syncTables, type ChangedRow } from './syncLog.ts';

export type { NoteChangedUnderEdit, SyncReport, Takeover } from '../core/deckSync/index.ts';

/** Options for `syncDecks`. */
export interface SyncOptions {
  /**
   * Hide decks (and their cards) of the same origin that are not in `decks`. Off by default: a
   * sync of some decks leaves others alone; a bundled sync never hides the user's imported decks.
   */
  hideMissingDecks?: boolean;
  /** Where the decks come from: shipped with the app (default) or imported by the user. */
  origin?: DeckOrigin;
  /** Takeovers the user refused in the import preview (`report.takeovers` of the preview's plan). */
  refusedTakeovers?: ReadonlyArray<{ from: string; to: string }>;
}


/** Every write a sync makes, computed from reads alone (see `planDeckSync`). */
export interface SyncPlan {
  report: SyncReport;
  deckPuts: StoredDeck[];
  cardPuts: StoredCard[];
  statePuts: StoredCardState[];
  cardDeletes: string[];
  stateDeletes: string[];
  /** Review-log rows to move to the card that took over an old card's progress. */
  logMoves: Array<{ from: string; to: string; deckId: string }>;
  /** Ids of the synced decks that were already stored before (any origin, hidden or not). */
  existingDeckIds: Set<string>;
}

/** Rows written per `bulkPut` call: each call is one task, so the page keeps answering input. */
const WRITE_CHUNK = 1000;

/**
 * Syncs `decks` into the database in one transaction, as `planCardSync` (src/core/deckSync)
 * decides: new cards added, the same card updated with its progress untouched, a lightly edited
 * question (or a repeat recognized by its answer) taking over the old card's state and review
 * history, a card gone hidden with its history. A deck already stored keeps its place in the
 * list, the title the user gave it and whether the user hid it; a new deck goes last.
 */
export function syncDecks(db: RehearseDb, decks: readonly Deck[], now: number, options: SyncOptions = {}): Promise<SyncReport> {
  return guarded(() =>
    db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const plan = await planDeckSync(db, decks, now, options);
      await applySyncPlan(db, plan, now);
      return plan.report;
    }),
  );
}

/**
 * What `syncDecks` would write, without writing: reads a snapshot, then plans on it. Reads only,
 * so it may run in a read transaction (the import preview) or inside `syncDecks`' own. Call it
 * inside a transaction that covers decks, cards and cardStates, so the reads agree with each other.
 */
export async function planDeckSync(db: RehearseDb, decks: readonly Deck[], now: number, options: SyncOptions = {}): Promise<SyncPlan> {
  const origin = options.origin ?? 'bundled';
  const syncedIds = new Set(decks.map((d) => d.id));
  const storedDecks = await db.decks.toArray();
  const storedById = new Map(storedDecks.map((d) => [d.id, d]));
  let nextOrder = storedDecks.reduce((max, d) => Math.max(max, d.order + 1), 0);
  const deckPuts: StoredDeck[] = [];
  const existingDeckIds = new Set<string>();
  for (const deck of decks) {
    const existing = storedById.get(deck.id);
    if (existing) existingDeckIds.add(deck.id);
    deckPuts.push({
      id: deck.id,
      title: deck.title,
      ...(deck.description !== undefined ? { description: deck.description } : {}),
      source: deck.source,
      layouts: deck.layouts,
      order: existing ? existing.order : nextOrder++,
      cardCount: new Set(deck.cards.map((c) => c.id)).size,
      hidden: existing?.userHidden === true,
      syncedAt: now,
      origin,
      ...(existing?.userTitle !== undefined ? { userTitle: existing.userTitle } : {}),
      ...(existing?.userHidden ? { userHidden: true } : {}),
      ...(existing?.interview ? { interview: existing.interview } : {}),
      // The user's remote-images permission (src/storage/remoteImages.ts) stays with the deck.
      ...(remoteImagesOf(existing) === 'allowed' ? { remoteImages: 'allowed' } : {}),
    });
  }
  const hiddenDeckIds: string[] = [];
  if (options.hideMissingDecks) {
    for (const deck of storedDecks) {
      if (syncedIds.has(deck.id) || deck.hidden || (deck.origin ?? 'bundled') !== origin) continue;
      deckPuts.push({ ...deck, hidden: true });
      hiddenDeckIds.push(deck.id);
    }
  }
  const readIds = [...syncedIds, ...hiddenDeckIds];
  const cards = await db.cards.where('deckId').anyOf(readIds).toArray();
  const states = await db.cardStates.where('deckId').anyOf(readIds).toArray();
  // The cards the user added to a synced deck stay in it and in its count.
  for (const row of deckPuts) row.cardCount += cards.filter((c) => c.userAdded && !c.hidden && c.deckId === row.id && syncedIds.has(row.id)).length;
  const planned = planCardSync({ cards, states }, { decks, hiddenDeckIds, ...(options.refusedTakeovers ? { refusedTakeovers: options.refusedTakeovers } : {}) });
  return {
    report: planned.report,
    deckPuts,
    cardPuts: planned.cardPuts,
    statePuts: [...planned.statePuts.map(withIndexFields), ...planned.freshStates.map((c) => freshState(c, now))],
    cardDeletes: planned.cardDeletes,
    stateDeletes: planned.stateDeletes,
    logMoves: planned.logMoves,
    existingDeckIds,
  };
}

/**
 * Writes a plan; call inside a read-write transaction over decks, cards, cardStates, reviews and
 * `syncTables`. What travels to the user's other devices is noted: an imported deck and its
 * cards (bundled decks are built on each device), and every takeover of progress.
 */
export async function applySyncPlan(db: RehearseDb, plan: SyncPlan, now: number): Promise<void> {
  await db.decks.bulkPut(plan.deckPuts);
  // Ids may be swapped (a card leaves an id another takes): every row goes to a temporary id first.
  const moving = (id: string) => `\u0000moving\u0000${id}`;
  for (const { from } of plan.logMoves) await db.reviews.where('cardId').equals(from).modify({ cardId: moving(from) });
  for (const { from, to, deckId } of plan.logMoves) await db.reviews.where('cardId').equals(moving(from)).modify({ cardId: to, deckId });
  const removed = await db.cards.bulkGet(plan.cardDeletes);
  await db.cards.bulkDelete(plan.cardDeletes);
  await db.cardStates.bulkDelete(plan.stateDeletes);
  for (let i = 0; i < plan.cardPuts.length; i += WRITE_CHUNK) await db.cards.bulkPut(plan.cardPuts.slice(i, i + WRITE_CHUNK));
  for (let i = 0; i < plan.statePuts.length; i += WRITE_CHUNK) await db.cardStates.bulkPut(plan.statePuts.slice(i, i + WRITE_CHUNK));
  await noteChanges(db, await travellingRows(db, plan, removed), now);
}

/** The registers a plan changed that other devices need (moved: values are kept beside their stamp). */
async function travellingRows(db: RehearseDb, plan: SyncPlan, removed: ReadonlyArray<StoredCard | undefined>): Promise<ChangedRow[]> {
  const imported = new Set(plan.deckPuts.filter((d) => d.origin === 'imported').map((d) => d.id));
  const rows: ChangedRow[] = [...imported].map((id) => ({ t: 'register', id: deckKey(id) }));
  for (const card of plan.cardPuts) if (imported.has(card.deckId)) rows.push({ t: 'register', id: cardKey(card.id) });
  for (const card of removed) {
    if (!card || !imported.has(card.deckId)) continue;
    await db.registerStamps.put({ id: cardKey(card.id), hlc: '', value: { id: card.id, deckId: card.deckId, deleted: true } });
    rows.push({ t: 'register', id: cardKey(card.id) });
  }
  for (const move of plan.logMoves) {
    const value: MovedValue = { to: move.to, deckId: move.deckId };
    await db.registerStamps.put({ id: movedKey(move.from), hlc: '', value });
    rows.push({ t: 'register', id: movedKey(move.from) });
  }
  return rows;
}

/** The remote-images permission kept on a deck record (not in StoredDeck's type: no schema change). */
function remoteImagesOf(deck: StoredDeck | undefined): unknown {
  return (deck as { remoteImages?: unknown } | undefined)?.remoteImages;
}
