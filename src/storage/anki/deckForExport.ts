// Reads one deck with everything an export to another app needs: its visible cards in order,
// their scheduling states, their review history and the scheduler settings they were scheduled
// with, as one consistent snapshot.

import type { RehearseDb, StoredCard, StoredCardState, StoredDeck, StoredReviewLog } from '../db.ts';
import { guarded, StorageError } from '../errors.ts';
import { isLiveAnswer } from '../replayCards.ts';
import { loadSettings } from '../settings.ts';
import type { SchedulerSettings } from '../../core/scheduling/settings.ts';

/** A deck and its cards, states and reviews. */
export interface DeckForExport {
  deck: StoredDeck;
  /** Visible cards, in deck order. */
  cards: StoredCard[];
  states: StoredCardState[];
  logs: StoredReviewLog[];
  /** Day start, steps, FSRS parameters and desired retention. */
  settings: SchedulerSettings;
}

/** Reads `deckId` in one read transaction; rejects with `not-found` when there is no such deck. */
export function readDeckForExport(db: RehearseDb, deckId: string): Promise<DeckForExport> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cards, db.cardStates, db.reviews, db.settings], async () => {
      const deck = await db.decks.get(deckId);
      if (!deck) throw new StorageError('not-found', `There is no deck ${deckId}.`);
      const cards = (await db.cards.where('deckId').equals(deckId).toArray()).filter((c) => !c.hidden).sort((a, b) => a.position - b.position);
      const states = await db.cardStates.where('deckId').equals(deckId).toArray();
      // By card, not by the log's deck: a card's history follows it when it moves.
      const logs = (await db.reviews.where('cardId').anyOf(cards.map((c) => c.id)).toArray()).filter(isLiveAnswer);
      const settings = await loadSettings(db);
      return { deck, cards, states, logs, settings };
    }),
  );
}
