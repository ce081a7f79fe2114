// Brings IndexedDB up to date with the decks the app ships (or the user imported). Content is
// replaced; scheduling state and review history are never touched for a card that still exists,
// follow a card whose question was lightly edited, and stay with a card that disappeared.

import type { Card, Deck } from '../core/deck/types.ts';
import { newScheduleState } from '../core/scheduling/fsrs.ts';
import { matchEditedCards, matchMovedCards, type MatchCandidate } from './cardMatching.ts';
import { withIndexFields, type DeckOrigin, type RehearseDb, type StoredCard, type StoredCardState, type StoredDeck } from './db.ts';
import { guarded } from './errors.ts';

/** What a sync did. */
export interface SyncReport {
  added: number;
  updated: number;
  /** Of the updated cards, those whose front, back, kind or tags changed (not just their place). */
  edited: number;
  /** Cards that left their deck (hidden, history kept). */
  hidden: number;
  /** Hidden cards whose question came back. */
  restored: number;
  /** Edited or moved cards that took over an old card's progress. */
  carriedOver: Array<{ from: string; to: string }>;
}

/** Options for `syncDecks`. */
export interface SyncOptions {
  /**
   * Hide decks (and their cards) of the same origin that are not in `decks`. Off by default: a
   * sync of some decks leaves others alone; a bundled sync never hides the user's imported decks.
   */
  hideMissingDecks?: boolean;
  /** Where the decks come from: shipped with the app (default) or imported by the user. */
  origin?: DeckOrigin;
}

function contentOf(card: Card, deckId: string, position: number): StoredCard {
  return {
    id: card.id,
    deckId,
    front: card.front,
    back: card.back,
    tags: card.tags,
    kind: card.kind,
    meta: card.meta,
    position,
    hidden: false,
  };
}

function sameContent(a: StoredCard, b: StoredCard): boolean {
  return (
    a.front === b.front &&
    a.back === b.back &&
    a.kind === b.kind &&
    a.position === b.position &&
    a.hidden === b.hidden &&
    JSON.stringify(a.tags) === JSON.stringify(b.tags) &&
    JSON.stringify(a.meta) === JSON.stringify(b.meta) &&
    JSON.stringify(a.original) === JSON.stringify(b.original)
  );
}

function sameText(a: StoredCard, b: StoredCard): boolean {
  return a.front === b.front && a.back === b.back && a.kind === b.kind && JSON.stringify(a.tags) === JSON.stringify(b.tags);
}

function freshState(card: StoredCard, now: number): StoredCardState {
  return withIndexFields({
    cardId: card.id,
    deckId: card.deckId,
    schedule: newScheduleState(now),
    version: 0,
    position: card.position,
    suspended: false,
    buriedUntil: 0,
    hidden: false,
  });
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
  logMoves: Array<{ from: string; to: string; deckId?: string }>;
  /** Ids of the synced decks that were already stored before (any origin, hidden or not). */
  existingDeckIds: Set<string>;
}

/** Rows written per `bulkPut` call: each call is one task, so the page keeps answering input. */
const WRITE_CHUNK = 1000;

/**
 * Syncs `decks` into the database in one transaction. For each card: new → added with a new
 * state; same id → content updated (front/back kept if the user edited the card), state
 * untouched, unhidden if it had disappeared; gone → hidden. A card that disappeared and one that
 * appeared in the same deck at about the same place, with a question at least 80% similar or the
 * same answer, are one edited card: the new id takes over the old state and review history.
 * Likewise a card moved unchanged to another deck. A deck already stored keeps its place in the
 * list, the title the user gave it and whether the user hid it; a new deck goes last.
 */
export function syncDecks(db: RehearseDb, decks: readonly Deck[], now: number, options: SyncOptions = {}): Promise<SyncReport> {
  return guarded(() =>
    db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviewLogs], async () => {
      const plan = await planDeckSync(db, decks, now, options);
      await applySyncPlan(db, plan);
      return plan.report;
    }),
  );
}

/**
 * What `syncDecks` would write, without writing: reads only, so it may run in a read
 * transaction (the import preview) or inside `syncDecks`' own. Call it inside a transaction that
 * covers decks, cards and cardStates, so the reads agree with each other.
 */
export async function planDeckSync(db: RehearseDb, decks: readonly Deck[], now: number, options: SyncOptions = {}): Promise<SyncPlan> {
  const origin = options.origin ?? 'bundled';
  const report: SyncReport = { added: 0, updated: 0, edited: 0, hidden: 0, restored: 0, carriedOver: [] };
  const plan: SyncPlan = {
    report,
    deckPuts: [],
    cardPuts: [],
    statePuts: [],
    cardDeletes: [],
    stateDeletes: [],
    logMoves: [],
    existingDeckIds: new Set(),
  };
  const { cardPuts, statePuts } = plan;
  const states = new Map<string, StoredCardState>();
  const removedAll: Array<MatchCandidate & { stored: StoredCard }> = [];
  const addedAll: Array<MatchCandidate & { stored: StoredCard }> = [];
  const syncedIds = new Set(decks.map((d) => d.id));
  const storedDecks = await db.decks.toArray();
  const storedById = new Map(storedDecks.map((d) => [d.id, d]));
  let nextOrder = storedDecks.reduce((max, d) => Math.max(max, d.order + 1), 0);

  for (const deck of decks) {
    const existing = storedById.get(deck.id);
    if (existing) plan.existingDeckIds.add(deck.id);
    plan.deckPuts.push({
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
    });
    const old = new Map((await db.cards.where('deckId').equals(deck.id).toArray()).map((c) => [c.id, c]));
    for (const s of await db.cardStates.where('deckId').equals(deck.id).toArray()) states.set(s.cardId, s);
    const incomingIds = new Set<string>();
    const added: Array<MatchCandidate & { stored: StoredCard }> = [];

    for (const [position, card] of deck.cards.entries()) {
      if (incomingIds.has(card.id)) continue; // a duplicate id in the deck file: keep the first
      incomingIds.add(card.id);
      const next = contentOf(card, deck.id, position);
      const prev = old.get(card.id);
      if (!prev) {
        added.push({ id: next.id, deckId: deck.id, position, front: next.front, back: next.back, stored: next });
        continue;
      }
      if (prev.userEdited) {
        // The user's text and tags stay theirs; the note's current version is kept beside them for "Revert".
        next.userEdited = true;
        next.original = { front: next.front, back: next.back, tags: next.tags };
        next.front = prev.front;
        next.back = prev.back;
        next.tags = prev.tags;
      }
      if (sameContent(prev, next)) continue;
      cardPuts.push(next);
      if (prev.hidden) report.restored++;
      else {
        report.updated++;
        if (!sameText(prev, next)) report.edited++;
      }
      const state = states.get(card.id);
      if (state && (state.hidden || state.position !== position)) {
        statePuts.push(withIndexFields({ ...state, hidden: false, position }));
      } else if (!state) {
        statePuts.push(freshState(next, now));
      }
    }

    const removed = [...old.values()]
      .filter((c) => !c.hidden && !incomingIds.has(c.id))
      .map((c) => ({ id: c.id, deckId: c.deckId, position: c.position, front: c.front, back: c.back, stored: c }));
    // Edited questions first (same deck), so only what is left over is matched across decks.
    const edits = matchEditedCards(removed, added, Math.max(old.size, deck.cards.length));
    const taken = new Set(edits.flatMap((p) => [p.from.id, p.to.id]));
    for (const { from, to } of edits) takeOver(from.id, (to as (typeof added)[number]).stored);
    removedAll.push(...removed.filter((c) => !taken.has(c.id)));
    addedAll.push(...added.filter((c) => !taken.has(c.id)));
  }

  if (options.hideMissingDecks) {
    for (const deck of storedDecks) {
      if (syncedIds.has(deck.id) || deck.hidden || (deck.origin ?? 'bundled') !== origin) continue;
      plan.deckPuts.push({ ...deck, hidden: true });
      for (const c of await db.cards.where('deckId').equals(deck.id).toArray()) {
        if (c.hidden) continue;
        removedAll.push({ id: c.id, deckId: c.deckId, position: c.position, front: c.front, back: c.back, stored: c });
      }
      for (const s of await db.cardStates.where('deckId').equals(deck.id).toArray()) states.set(s.cardId, s);
    }
  }

  const moves = matchMovedCards(removedAll, addedAll);
  const moved = new Set(moves.flatMap((p) => [p.from.id, p.to.id]));
  for (const { from, to } of moves) takeOver(from.id, (to as (typeof addedAll)[number]).stored);

  for (const a of addedAll) {
    if (moved.has(a.id)) continue;
    cardPuts.push(a.stored);
    statePuts.push(freshState(a.stored, now));
    report.added++;
  }
  for (const r of removedAll) {
    if (moved.has(r.id)) continue;
    cardPuts.push({ ...r.stored, hidden: true });
    const state = states.get(r.id);
    if (state) statePuts.push(withIndexFields({ ...state, hidden: true }));
    report.hidden++;
  }

  // Review-log rows follow the card under its new id.
  const deckOf = new Map(cardPuts.map((c) => [c.id, c.deckId]));
  for (const { from, to } of report.carriedOver) {
    const deckId = deckOf.get(to);
    plan.logMoves.push({ from, to, ...(deckId ? { deckId } : {}) });
  }
  return plan;

  function takeOver(fromId: string, to: StoredCard): void {
    const state = states.get(fromId);
    plan.cardDeletes.push(fromId);
    cardPuts.push(to);
    plan.stateDeletes.push(fromId);
    statePuts.push(
      state
        ? withIndexFields({ ...state, cardId: to.id, deckId: to.deckId, position: to.position, hidden: false })
        : freshState(to, now),
    );
    report.carriedOver.push({ from: fromId, to: to.id });
  }
}

/** Writes a plan; call inside a read-write transaction over decks, cards, cardStates and reviewLogs. */
export async function applySyncPlan(db: RehearseDb, plan: SyncPlan): Promise<void> {
  await db.decks.bulkPut(plan.deckPuts);
  for (const { from, to, deckId } of plan.logMoves) {
    await db.reviewLogs.where('cardId').equals(from).modify({ cardId: to, ...(deckId ? { deckId } : {}) });
  }
  await db.cards.bulkDelete(plan.cardDeletes);
  await db.cardStates.bulkDelete(plan.stateDeletes);
  for (let i = 0; i < plan.cardPuts.length; i += WRITE_CHUNK) await db.cards.bulkPut(plan.cardPuts.slice(i, i + WRITE_CHUNK));
  for (let i = 0; i < plan.statePuts.length; i += WRITE_CHUNK) await db.cardStates.bulkPut(plan.statePuts.slice(i, i + WRITE_CHUNK));
}
