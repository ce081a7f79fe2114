// An Anki import with its media, in one transaction: the decks, cards and answers
// (importAnkiDecks) and the files their cards name (writeAnkiMedia) are written together or not
// at all, so a failed import leaves no files behind and a refused media set no cards.

import type { AnkiRehearseDeck } from '../../core/anki/index.ts';
import { importAnkiDecks, prepareAnkiImport, type AnkiImportReport } from '../anki/importAnki.ts';
import type { RehearseDb } from '../db.ts';
import { guarded } from '../errors.ts';
import { MEDIA_PACKAGE_LIMIT_BYTES, prepareAnkiMedia, writeAnkiMedia, type MediaEntry, type MediaWriteReport } from './storeMedia.ts';

/**
 * Writes `decks` with their progress and `media` (from `mediaForPackage`) in one transaction.
 * Media over `limit` are refused (a `StorageError`, code `too-large`) before anything is written.
 */
export async function importAnkiDecksWithMedia(
  db: RehearseDb,
  decks: readonly AnkiRehearseDeck[],
  media: readonly MediaEntry[],
  now: number,
  limit = MEDIA_PACKAGE_LIMIT_BYTES,
): Promise<AnkiImportReport & { media: MediaWriteReport }> {
  // Hashing is not IndexedDB work: done first, it cannot end the transaction early.
  const prepared = await prepareAnkiMedia(media, limit);
  // So are the replays (importAnki.ts): a chunk of cards per task, so the page goes on painting.
  const replays = await prepareAnkiImport(db, decks);
  // Every table, so the import's own transaction (and its middlewares' tables) nests in this one.
  return guarded(() =>
    db.transaction('rw', db.tables, async () => {
      const report = await importAnkiDecks(db, decks, now, replays);
      return { ...report, media: await writeAnkiMedia(db, prepared) };
    }),
  );
}
