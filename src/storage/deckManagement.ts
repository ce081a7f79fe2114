// The user's own hand on decks: rename, hide and show, delete, and read a deck whole for export.
// Bundled decks are hidden rather than deleted (the next bundled sync would bring them back);
// imported decks are deleted with their cards and history, in one transaction.

import type { RehearseDb, StoredCard, StoredDeck } from './db.ts';
import { guarded, StorageError } from './errors.ts';
import { deckKey, deckMetaKey } from './registers.ts';
import { isLiveAnswer } from './replayCards.ts';
import { reviewMonth } from '../core/sync/rows.ts';
import { ensureDeviceId, noteChanges, syncTables } from './syncLog.ts';
import { mediaTables } from './media/schema.ts';
import { normalizeInterview, type InterviewDate } from '../core/planning/interviewQuota.ts';
import { deleteDeckMedia } from './media/deckMedia.ts';

/** The name the deck list shows for a deck. */
export function deckTitle(deck: Pick<StoredDeck, 'title' | 'userTitle'>): string {
  return deck.userTitle ?? deck.title;
}

async function getDeck(db: RehearseDb, deckId: string): Promise<StoredDeck> {
  const deck = await db.decks.get(deckId);
  if (!deck) throw new StorageError('not-found', `That deck is not in the database (${deckId}).`);
  return deck;
}

/**
 * Renames a deck. The name is kept as `userTitle`, which every sync keeps, so a bundled deck's
 * new name survives app updates; an empty name (or the deck's own title) goes back to the title.
 */
export function renameDeck(db: RehearseDb, deckId: string, name: string, now = Date.now()): Promise<StoredDeck> {
  return guarded(() =>
    db.transaction('rw', [db.decks, ...syncTables(db)], async () => {
      const deck = await getDeck(db, deckId);
      const trimmed = name.replace(/\s+/g, ' ').trim();
      const { userTitle: _old, ...rest } = deck;
      const next: StoredDeck = trimmed === '' || trimmed === deck.title ? rest : { ...rest, userTitle: trimmed };
      await db.decks.put(next);
      await noteChanges(db, [{ t: 'register', id: deckMetaKey(deckId) }], now);
      return next;
    }),
  );
}

/** Hides a deck from the list and from study (or shows it again); its cards and progress stay. */
export function setDeckHidden(db: RehearseDb, deckId: string, hidden: boolean, now = Date.now()): Promise<void> {
  return guarded(() =>
    db.transaction('rw', [db.decks, ...syncTables(db)], async () => {
      const deck = await getDeck(db, deckId);
      const { userHidden: _old, ...rest } = deck;
      await db.decks.put(hidden ? { ...rest, hidden: true, userHidden: true } : { ...rest, hidden: false });
      await noteChanges(db, [{ t: 'register', id: deckMetaKey(deckId) }], now);
    }),
  );
}

/**
 * Sets (or, with null, clears) a deck's interview date and recall target. Refused with a sentence
 * when the date is not a date or already past; the deck is untouched then.
 */
export function setDeckInterview(db: RehearseDb, deckId: string, interview: InterviewDate | null, now = Date.now()): Promise<StoredDeck> {
  return guarded(() =>
    db.transaction('rw', [db.decks, ...syncTables(db)], async () => {
      const checked = interview === null ? undefined : normalizeInterview(interview);
      if (interview !== null && !checked) throw new StorageError('bad-input', 'That interview date is not a date.');
      if (checked && checked.at <= now) throw new StorageError('bad-input', 'That interview date is already past; pick a time ahead.');
      const deck = await getDeck(db, deckId);
      const { interview: _old, ...rest } = deck;
      const next: StoredDeck = checked ? { ...rest, interview: checked } : rest;
      await db.decks.put(next);
      await noteChanges(db, [{ t: 'register', id: deckMetaKey(deckId) }], now);
      return next;
    }),
  );
}

/** Decks the user hid, for "show again". */
export function userHiddenDecks(db: RehearseDb): Promise<StoredDeck[]> {
  return guarded(async () => (await db.decks.toArray()).filter((d) => d.userHidden).sort((a, b) => a.order - b.order));
}

/** What deleting a deck takes with it. */
export interface DeckFootprint {
  /** Every card stored for the deck, including cards that left its note (kept for their history). */
  cards: number;
  /** Answers given to its cards: deleting voids them (the log itself keeps every row). */
  reviews: number;
}

export function deckFootprint(db: RehearseDb, deckId: string): Promise<DeckFootprint> {
  return guarded(() =>
    db.transaction('r', [db.cards, db.reviews], async () => ({
      cards: await db.cards.where('deckId').equals(deckId).count(),
      reviews: await db.reviews.where('deckId').equals(deckId).filter(isLiveAnswer).count(),
    })),
  );
}

/**
 * Deletes a deck with its cards, their states and its media names (a file no other deck names goes
 * too), in one transaction. Its answers count nowhere
 * from then on (statistics, limits, a later re-import of the same note starts afresh): each gets a
 * void, as an undo does. The rows themselves stay in the log — rows are never deleted — so a
 * device that answered the deck offline still merges, and the deletion travels as voids.
 */
export function deleteDeck(db: RehearseDb, deckId: string, now = Date.now()): Promise<DeckFootprint> {
  return guarded(() =>
    db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews, db.reviewVoids, ...syncTables(db), ...Object.values(mediaTables(db))], async () => {
      await getDeck(db, deckId);
      const rows = await db.reviews.where('deckId').equals(deckId).filter((r) => !r.voided).toArray();
      const reviews = rows.filter(isLiveAnswer).length;
      const device = await ensureDeviceId(db);
      await db.reviewVoids.bulkPut(rows.map((r) => ({ id: r.id, month: reviewMonth(r.reviewedAt), voidedAt: now, device })));
      await db.reviews.bulkPut(rows.map((r) => ({ ...r, voided: 1 as const })));
      await db.cardStates.where('deckId').equals(deckId).delete();
      const cards = await db.cards.where('deckId').equals(deckId).delete();
      await db.decks.delete(deckId);
      await deleteDeckMedia(db, deckId);
      await noteChanges(db, [...rows.map((r) => ({ t: 'void' as const, id: r.id })), { t: 'register', id: deckKey(deckId) }], now);
      return { cards, reviews };
    }),
  );
}

/** A deck and its visible cards in deck order (as the note has them), for export. */
export function deckWithCards(db: RehearseDb, deckId: string): Promise<{ deck: StoredDeck; cards: StoredCard[] }> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cards], async () => {
      const deck = await getDeck(db, deckId);
      const cards = (await db.cards.where('deckId').equals(deckId).toArray())
        .filter((c) => !c.hidden)
        .sort((a, b) => a.position - b.position);
      return { deck, cards };
    }),
  );
}
