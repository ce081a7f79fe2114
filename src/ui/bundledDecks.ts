// Fetches the decks shipped with the app (public/decks, precached by the service worker) and
// syncs them into IndexedDB when the deck index changed since the last sync.
import { restoreDeck, restoreDeckIndex } from '../core/deck/deckFile.ts';
import type { Deck } from '../core/deck/types.ts';
import { bundledDecksVersion, syncBundledDecks, type RehearseDb, type SyncReport } from '../storage/index.ts';

const DECKS_URL = 'decks/';

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status}).`);
  return response.json();
}

/** Syncs the bundled decks; resolves to null when they had not changed. */
export async function loadBundledDecks(db: RehearseDb, now = Date.now()): Promise<SyncReport | null> {
  const index = restoreDeckIndex(await fetchJson(`${DECKS_URL}index.json`));
  const version = index.decks.map((entry) => `${entry.id}:${entry.contentHash}`).join(',');
  if ((await bundledDecksVersion(db)) === version) return null;
  const decks: Deck[] = await Promise.all(index.decks.map(async (entry) => restoreDeck(await fetchJson(DECKS_URL + entry.file))));
  return syncBundledDecks(db, decks, version, now);
}
