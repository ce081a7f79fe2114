// Whether a deck may load images from other sites. A note from the internet can point its images
// at its author's server, which would learn who studies it and when; so remote images load only
// once the user allows them for that deck. Stored on the deck record (not indexed, no schema
// change). The card renderer has no database handle of its own, so this module opens one on first
// use (IndexedDB allows several connections; Dexie closes it when another tab upgrades).
import { openRehearseDb, type RehearseDb, type StoredDeck } from './db.ts';

/** The deck record with the permission on it. */
type DeckWithRemoteImages = StoredDeck & { remoteImages?: 'allowed' };

let connection: Promise<RehearseDb> | undefined;

function database(): Promise<RehearseDb> {
  connection ??= openRehearseDb().catch((error: unknown) => {
    connection = undefined;
    throw error;
  });
  return connection;
}

/** Whether deck `deckId` may load remote images: `allowed`, `blocked`, or `no-deck` (not saved, e.g. in an import preview). */
export async function remoteImagesPermission(deckId: string, db?: RehearseDb): Promise<'allowed' | 'blocked' | 'no-deck'> {
  const deck = (await (db ?? (await database())).decks.get(deckId)) as DeckWithRemoteImages | undefined;
  if (!deck) return 'no-deck';
  return deck.remoteImages === 'allowed' ? 'allowed' : 'blocked';
}

/**
 * Allow remote images for deck `deckId`. Resolves false when there is no such deck (nothing is
 * written then).
 */
export async function allowRemoteImages(deckId: string, db?: RehearseDb): Promise<boolean> {
  const store = db ?? (await database());
  return store.transaction('rw', store.decks, async () => {
    const deck = (await store.decks.get(deckId)) as DeckWithRemoteImages | undefined;
    if (!deck) return false;
    await store.decks.put({ ...deck, remoteImages: 'allowed' } as DeckWithRemoteImages);
    return true;
  });
}
