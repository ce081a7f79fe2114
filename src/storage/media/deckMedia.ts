// A deck's media as the rest of the app meets them: the files its cards show, and the names and
// files that go with the deck when it is deleted or left out of a restore. Apart from the import's
// writing (storeMedia.ts), so the first screen loads only this.
import type { Dexie } from 'dexie';
import { guarded } from '../errors.ts';
import { percentDecodedName } from './mediaReferences.ts';
import { mediaTables } from './schema.ts';

/**
 * Removes a deck's media names, and the files no other name uses. Runs in the caller's
 * transaction, which must include the media tables (`mediaTables(db)`); deleteDeck calls it.
 */
export async function deleteDeckMedia(db: Dexie, deckId: string): Promise<number> {
  const { mediaNames } = mediaTables(db);
  const rows = await mediaNames.where('deckId').equals(deckId).toArray();
  await mediaNames.where('deckId').equals(deckId).delete();
  return removeUnusedFiles(db, new Set(rows.map((row) => row.hash)));
}

/**
 * Removes the media names of every deck not in `deckIds`, and the files then unused (a replace
 * restore, whose backup holds no media, keeps those of the decks it brings back). Runs in the
 * caller's transaction, which must include the media tables.
 */
export async function keepMediaOfDecks(db: Dexie, deckIds: ReadonlySet<string>): Promise<number> {
  const { mediaNames } = mediaTables(db);
  const gone = (await mediaNames.orderBy('deckId').uniqueKeys()).filter((id) => !deckIds.has(String(id)));
  let removed = 0;
  for (const deckId of gone) removed += await deleteDeckMedia(db, String(deckId));
  return removed;
}

/** Deletes those of `hashes` no name points at any more; returns how many. */
export async function removeUnusedFiles(db: Dexie, hashes: ReadonlySet<string>): Promise<number> {
  const { media, mediaNames } = mediaTables(db);
  const unused: string[] = [];
  for (const hash of hashes) if ((await mediaNames.where('hash').equals(hash).count()) === 0) unused.push(hash);
  await media.bulkDelete(unused);
  return unused.length;
}

/**
 * The files deck `deckId` knows by `names`, as Blobs by name; names it lacks are absent. A name
 * written percent-encoded (`my%20photo.jpg`, as some Anki versions write `src`) is also looked
 * up decoded.
 */
export function deckMediaFiles(db: Dexie, deckId: string, names: readonly string[]): Promise<Map<string, Blob>> {
  const { media, mediaNames } = mediaTables(db);
  return guarded(() =>
    db.transaction('r', [media, mediaNames], async () => {
      const wanted = [...new Set(names)];
      // Each name as written, then percent-decoded; one read for all of them.
      const candidates = wanted.map((name) => [name, percentDecodedName(name)].filter((n): n is string => n !== undefined));
      const lookedUp = [...new Set(candidates.flat())];
      const rows = await mediaNames.bulkGet(lookedUp.map((name) => [deckId, name] as [string, string]));
      const rowByName = new Map(lookedUp.map((name, i) => [name, rows[i]]));
      const hashByName = new Map<string, string>();
      wanted.forEach((name, i) => {
        const row = candidates[i]!.map((candidate) => rowByName.get(candidate)).find((r) => r !== undefined);
        if (row) hashByName.set(name, row.hash);
      });
      const hashes = [...new Set(hashByName.values())];
      const files = await media.bulkGet(hashes);
      const blobByHash = new Map(hashes.map((hash, i) => [hash, files[i]?.bytes]));
      const found = new Map<string, Blob>();
      for (const [name, hash] of hashByName) {
        const blob = blobByHash.get(hash);
        if (blob) found.set(name, blob);
      }
      return found;
    }),
  );
}
