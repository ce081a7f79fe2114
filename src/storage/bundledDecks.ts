// The decks shipped with the app: synced on start, skipped when the deck index has not changed.
import type { Deck } from '../core/deck/types.ts';
import type { RehearseDb } from './db.ts';
import { guarded } from './errors.ts';
import { syncDecks, type SyncReport } from './syncDecks.ts';

const BUNDLED_VERSION_KEY = 'bundledDecksVersion';

/** The version (content hashes of the deck index) last synced, if any. */
export function bundledDecksVersion(db: RehearseDb): Promise<string | undefined> {
  return guarded(async () => {
    const value = (await db.settings.get(BUNDLED_VERSION_KEY))?.value;
    return typeof value === 'string' ? value : undefined;
  });
}

/**
 * Syncs the full set of bundled decks and records `version` once it is done; bundled decks that
 * left the app are hidden with their history, imported decks are left alone.
 */
export async function syncBundledDecks(db: RehearseDb, decks: readonly Deck[], version: string, now: number): Promise<SyncReport> {
  const report = await syncDecks(db, decks, now, { hideMissingDecks: true, origin: 'bundled' });
  await guarded(() => db.settings.put({ key: BUNDLED_VERSION_KEY, value: version }));
  return report;
}
