// What importing a deck would change, computed with syncDecks' own planning (the same card
// matching) in a read-only transaction: the import preview says "12 new, 3 updated, 1 removed"
// before anything is written.

import type { Deck } from '../core/deck/types.ts';
import type { NoteChangedUnderEdit, Takeover } from '../core/deckSync/index.ts';
import type { DeckOrigin, RehearseDb } from './db.ts';
import { guarded } from './errors.ts';
import { planDeckSync } from './syncDecks.ts';
import { isLiveAnswer } from './replayCards.ts';

/** The changes an import of one deck would make. */
export interface DeckSyncPreview {
  /** The deck is already stored (so this import updates it). */
  exists: boolean;
  /** The stored deck's name as the deck list shows it, when it exists. */
  existingTitle?: string;
  existingOrigin?: DeckOrigin;
  /** Cards in the incoming deck (duplicates of one question counted once). */
  total: number;
  added: number;
  /** Cards whose question, answer or kind changed; their progress stays. */
  updated: number;
  /** Cards no longer in the note: hidden, with their history kept. */
  removed: number;
  /** Of the removed cards, those with at least one review. */
  removedWithHistory: number;
  /** Cards that had left the note before and come back with their progress. */
  restored: number;
  /** Cards that are the same as stored (a moved card counts here). */
  unchanged: number;
  /**
   * Each card of the note that would take over a stored card's progress because its question
   * looks edited (or was rewritten around the same answer), with the stored card's number of
   * reviews. The user may refuse any of them (`refusedTakeovers` of `syncDecks`/`importDeck`).
   */
  takeovers: Array<Takeover & { reviews: number }>;
  /** Cards the user edited in the app whose text changed in the note: the user's text stays. */
  noteChangedUnderEdit: NoteChangedUnderEdit[];
}

/** What `syncDecks(db, [deck], now, { origin })` would change, without writing anything. */
export function previewDeckSync(db: RehearseDb, deck: Deck, now = Date.now(), origin: DeckOrigin = 'imported'): Promise<DeckSyncPreview> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cards, db.cardStates, db.reviews], async () => {
      const stored = await db.decks.get(deck.id);
      const plan = await planDeckSync(db, [deck], now, { origin });
      const { report } = plan;
      const reviewsOf = (id: string) => db.reviews.where('cardId').equals(id).filter(isLiveAnswer).count();
      let removedWithHistory = 0;
      for (const id of report.hiddenIds) {
        if ((await db.reviews.where('cardId').equals(id).limit(1).count()) > 0) removedWithHistory++;
      }
      const takeovers: DeckSyncPreview['takeovers'] = [];
      for (const t of report.takeovers) takeovers.push({ ...t, reviews: await reviewsOf(t.from) });
      const total = new Set(deck.cards.map((c) => c.id)).size;
      // A card carried over unchanged (moved, or a repeat re-keyed) counts as unchanged.
      const updated = report.edited + report.takeovers.length;
      return {
        exists: stored !== undefined,
        ...(stored ? { existingTitle: stored.userTitle ?? stored.title, existingOrigin: stored.origin ?? 'bundled' } : {}),
        total,
        added: report.added,
        updated,
        removed: report.hidden,
        removedWithHistory,
        restored: report.restored,
        unchanged: Math.max(0, total - report.added - updated - report.restored),
        takeovers,
        noteChangedUnderEdit: report.noteChangedUnderEdit,
      };
    }),
  );
}
