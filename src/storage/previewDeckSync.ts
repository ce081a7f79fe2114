// What importing a deck would change, computed with syncDecks' own planning (the same card
// matching) in a read-only transaction: the import preview says "12 new, 3 updated, 1 removed"
// before anything is written.

import type { Deck } from '../core/deck/types.ts';
import type { DeckOrigin, RehearseDb } from './db.ts';
import { guarded } from './errors.ts';
import { planDeckSync } from './syncDecks.ts';

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
}

/** What `syncDecks(db, [deck], now, { origin })` would change, without writing anything. */
export function previewDeckSync(db: RehearseDb, deck: Deck, now = Date.now(), origin: DeckOrigin = 'imported'): Promise<DeckSyncPreview> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cards, db.cardStates, db.reviewLogs], async () => {
      const stored = await db.decks.get(deck.id);
      const plan = await planDeckSync(db, [deck], now, { origin });
      const { report } = plan;
      const hiddenIds = new Set(plan.cardPuts.filter((c) => c.hidden).map((c) => c.id));
      let removedWithHistory = 0;
      for (const id of hiddenIds) {
        if ((await db.reviewLogs.where('cardId').equals(id).limit(1).count()) > 0) removedWithHistory++;
      }
      const total = new Set(deck.cards.map((c) => c.id)).size;
      const updated = report.edited + report.carriedOver.length;
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
      };
    }),
  );
}
