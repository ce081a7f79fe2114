// Cards the user writes in the app. They belong to no note (`userAdded`), so no rebuild of the
// bundled decks and no re-import of a note touches them (core/deckSync leaves them out), and they
// travel to the user's other devices as `card:` registers, like an imported deck's cards.

import type { RehearseDb, StoredCard, StoredDeck } from './db.ts';
import { newRowId } from './db.ts';
import { normalizeTags } from './cardEdits.ts';
import { guarded, StorageError } from './errors.ts';
import { cardKey, deckKey, freshState } from './registers.ts';
import { noteChanges, syncTables, type ChangedRow } from './syncLog.ts';

/** The longest deck name accepted (as the backup check allows). */
const MAX_DECK_NAME = 200;

/** What the add-card screen saves. */
export interface NewCard {
  front: string;
  back: string;
  tags: readonly string[];
  /** An existing deck, or a new deck of the user's own by the name typed. */
  deck: { id: string } | { newTitle: string };
  /** Also make the card asking the back and answering the front. */
  reverse: boolean;
}

/** What `addCard` wrote. */
export interface AddedCards {
  deckId: string;
  deckTitle: string;
  /** The card, then its reverse when asked for. */
  cardIds: string[];
  /** A deck was made for it. */
  createdDeck: boolean;
}

function badInput(message: string): StorageError {
  return new StorageError('bad-input', message);
}

/** Source of a deck made in the app: it has no note file. */
export const ADDED_DECK_SOURCE = 'Made in Rehearse';

/**
 * Adds the card (and its reverse) in one transaction, each with a new state, at the end of its
 * deck's new cards; makes the deck first when the user typed a new name (a name already in the
 * list, ignoring case, is that deck). Rejects an empty front or back, or an unknown deck, with a
 * `bad-input` error whose message says which; nothing is written then.
 */
export function addCard(db: RehearseDb, input: NewCard, now = Date.now()): Promise<AddedCards> {
  return guarded(() =>
    db.transaction('rw', [db.decks, db.cards, db.cardStates, ...syncTables(db)], async () => {
      const front = input.front.trim();
      const back = input.back.trim();
      if (!front) throw badInput('The card needs a front (the question), so nothing was saved.');
      if (!back) throw badInput('The card needs a back (the answer), so nothing was saved.');
      const decks = await db.decks.toArray();
      let deck: StoredDeck | undefined;
      let createdDeck = false;
      if ('id' in input.deck) {
        const id = input.deck.id;
        deck = decks.find((d) => d.id === id);
        if (!deck) throw badInput('That deck is no longer here (deleted in another tab?), so nothing was saved.');
      } else {
        const title = input.deck.newTitle.trim().replace(/\s+/g, ' ');
        if (!title) throw badInput('Name the new deck, or pick one of yours, so the card has somewhere to go.');
        if (title.length > MAX_DECK_NAME) throw badInput(`A deck name may have at most ${MAX_DECK_NAME} characters, so nothing was saved.`);
        deck = decks.find((d) => (d.userTitle ?? d.title).toLowerCase() === title.toLowerCase());
        if (!deck) {
          // Stored as an imported deck: it travels, exports and deletes like one; it just has no note.
          deck = {
            id: `added-${newRowId()}`,
            title,
            source: ADDED_DECK_SOURCE,
            layouts: [],
            order: decks.reduce((max, d) => Math.max(max, d.order + 1), 0),
            cardCount: 0,
            hidden: false,
            syncedAt: now,
            origin: 'imported',
          };
          createdDeck = true;
        }
      }
      const positions = (await db.cards.where('deckId').equals(deck.id).toArray()).map((c) => c.position);
      let position = positions.reduce((max, p) => Math.max(max, p + 1), 0);
      const tags = normalizeTags(input.tags);
      const sides: Array<[string, string]> = input.reverse ? [[front, back], [back, front]] : [[front, back]];
      // Not a note's id (deck/hash): one that no deck file can produce.
      const cards: StoredCard[] = sides.map(([f, b], k) => ({
        id: `${deck.id}/added-${newRowId()}`,
        deckId: deck.id,
        front: f,
        back: b,
        tags,
        kind: 'basic',
        meta: { line: 0, layout: k === 0 ? 'added' : 'added-reverse' },
        position: position++,
        hidden: false,
        userAdded: true,
      }));
      await db.decks.put({ ...deck, cardCount: deck.cardCount + cards.length });
      await db.cards.bulkAdd(cards);
      await db.cardStates.bulkAdd(cards.map((c) => freshState(c, now)));
      const rows: ChangedRow[] = cards.map((c) => ({ t: 'register', id: cardKey(c.id) }));
      if (createdDeck) rows.unshift({ t: 'register', id: deckKey(deck.id) });
      await noteChanges(db, rows, now);
      return { deckId: deck.id, deckTitle: deck.userTitle ?? deck.title, cardIds: cards.map((c) => c.id), createdDeck };
    }),
  );
}

/** A deck the add-card screen offers. */
export interface DeckChoice {
  id: string;
  title: string;
  /** Made in the app (it has no note). */
  own: boolean;
}

/** The decks a card can be added to: those in the deck list, in its order. */
export function deckChoices(db: RehearseDb): Promise<DeckChoice[]> {
  return guarded(async () =>
    (await db.decks.toArray())
      .filter((d) => !d.hidden)
      .sort((a, b) => a.order - b.order)
      .map((d) => ({ id: d.id, title: d.userTitle ?? d.title, own: d.source === ADDED_DECK_SOURCE })),
  );
}
