// Reads one deck with everything an export to another app needs: its visible cards in order,
// their scheduling states, their review history and the scheduler settings they were scheduled
// with, as one consistent snapshot; then the media files its cards name.

import type { RehearseDb, StoredCard, StoredCardState, StoredDeck, StoredReviewLog } from '../db.ts';
import { guarded, StorageError } from '../errors.ts';
import { isLiveAnswer } from '../replayCards.ts';
import { loadSettings } from '../settings.ts';
import { deckMediaFiles } from '../media/deckMedia.ts';
import { mediaReferences } from '../media/mediaReferences.ts';
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
  /** The stored files the cards name (`<img src="photo.jpg">`, `[sound:x.mp3]`), by name. */
  media: Map<string, Uint8Array>;
}

/** Reads `deckId` in one read transaction, then its media; rejects with `not-found` when there is no such deck. */
export async function readDeckForExport(db: RehearseDb, deckId: string): Promise<DeckForExport> {
  const data = await readDeckRows(db, deckId);
  const names = data.cards.flatMap((card) => [card.front, card.back].flatMap((side) => Object.values(mediaReferences(side)).flat()));
  const blobs = names.length ? await deckMediaFiles(db, deckId, names) : new Map<string, Blob>();
  const media = new Map<string, Uint8Array>();
  for (const [name, blob] of blobs) media.set(name, new Uint8Array(await blob.arrayBuffer()));
  return { ...data, media };
}

function readDeckRows(db: RehearseDb, deckId: string): Promise<Omit<DeckForExport, 'media'>> {
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
