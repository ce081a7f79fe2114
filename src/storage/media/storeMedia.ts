// Writes the media of an imported Anki package: each distinct file once (by the SHA-256 of its
// bytes), and the names each deck's cards use for them. Hashing runs before the transaction
// (crypto.subtle is not IndexedDB work, and awaiting it inside would end the transaction early);
// the write is then one transaction, and a package over the size limit writes nothing.

import type { Dexie } from 'dexie';
import { guarded, StorageError } from '../errors.ts';
import { percentDecodedName } from './mediaReferences.ts';
import { mediaType } from './mediaType.ts';
import { removeUnusedFiles } from './deckMedia.ts';
import { mediaTables, type StoredMedia, type StoredMediaName } from './schema.ts';

/** The most media one package may bring, in bytes (300 MB, decimal as the message says it): past it, nothing is stored. */
export const MEDIA_PACKAGE_LIMIT_BYTES = 300_000_000;

/** One file as a deck's cards name it. The same bytes under two decks are stored once. */
export interface MediaEntry {
  /** The Rehearse deck whose cards use the name. */
  deckId: string;
  /** The name as the package lists it (`photo.jpg`). */
  name: string;
  bytes: Uint8Array;
}

/** Media hashed and checked, ready to be written (in its own transaction or in a caller's). */
export interface PreparedMedia {
  files: StoredMedia[];
  names: StoredMediaName[];
  /** Size of the distinct files, in bytes. */
  bytes: number;
}

/** What a write did. */
export interface MediaWriteReport {
  /** Distinct files in the package's media. */
  files: number;
  /** Of those, files the device did not hold yet. */
  added: number;
  /** Names written. */
  names: number;
  /** Size of the distinct files, in bytes. */
  bytes: number;
  /** Files removed because no name used them any more (a re-import that changed a file). */
  removed: number;
}

/** "1.2 MB"-style size, in decimal units as file managers show them. */
export function formatMediaSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The sentence refusing a package's media of `bytes`, or undefined when it is within the limit. */
export function mediaSizeProblem(bytes: number, limit = MEDIA_PACKAGE_LIMIT_BYTES): string | undefined {
  if (bytes <= limit) return undefined;
  return `The package's media take ${formatMediaSize(bytes)}, more than the ${formatMediaSize(limit)} Rehearse keeps for one package, so nothing was imported.`;
}

/** SHA-256 of `bytes`, lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Hashes and checks `entries`. Rejects, before anything is written, with a `StorageError`
 * (`too-large`) when the distinct files together pass `limit`, or (`bad-input`) when an entry
 * has no deck or a name that is not a plain file name.
 */
export async function prepareAnkiMedia(entries: readonly MediaEntry[], limit = MEDIA_PACKAGE_LIMIT_BYTES): Promise<PreparedMedia> {
  for (const entry of entries) {
    if (!entry.deckId || !entry.name || /[\\/]/.test(entry.name) || !(entry.bytes instanceof Uint8Array)) {
      throw new StorageError('bad-input', `The media file “${String(entry.name)}” has no deck or is not a plain file name, so no media was stored.`);
    }
  }
  // One hash per byte array: a file used by two decks arrives as the same array twice.
  const hashOf = new Map<Uint8Array, Promise<string>>();
  for (const { bytes } of entries) if (!hashOf.has(bytes)) hashOf.set(bytes, sha256Hex(bytes));
  const hashes = await Promise.all(entries.map((entry) => hashOf.get(entry.bytes)!));
  const files = new Map<string, StoredMedia>();
  const names = new Map<string, StoredMediaName>();
  entries.forEach((entry, i) => {
    const hash = hashes[i]!;
    if (!files.has(hash)) {
      const type = mediaType(entry.name, entry.bytes);
      files.set(hash, { hash, type, size: entry.bytes.length, bytes: new Blob([entry.bytes as Uint8Array<ArrayBuffer>], { type }) });
    }
    // The last entry for a name wins, as a later file of the same name would in Anki's folder.
    names.set(`${entry.deckId}\u0000${entry.name}`, { deckId: entry.deckId, name: entry.name, hash });
  });
  const bytes = [...files.values()].reduce((sum, file) => sum + file.size, 0);
  const problem = mediaSizeProblem(bytes, limit);
  if (problem) throw new StorageError('too-large', problem);
  return { files: [...files.values()], names: [...names.values()], bytes };
}

/**
 * Writes prepared media in one transaction: files the device lacks, and the names (a name
 * already there points at the new file; a file then used by no name is removed). Called inside
 * a caller's transaction that includes the media tables, it joins that one.
 */
export function writeAnkiMedia(db: Dexie, prepared: PreparedMedia): Promise<MediaWriteReport> {
  const { media, mediaNames } = mediaTables(db);
  return guarded(() =>
    db.transaction('rw', [media, mediaNames], async () => {
      const held = await media.bulkGet(prepared.files.map((file) => file.hash));
      const added = prepared.files.filter((_, i) => held[i] === undefined);
      await media.bulkAdd(added);
      const before = await mediaNames.bulkGet(prepared.names.map((n) => [n.deckId, n.name] as [string, string]));
      await mediaNames.bulkPut(prepared.names);
      const replaced = new Set(before.filter((row, i) => row !== undefined && row.hash !== prepared.names[i]!.hash).map((row) => row!.hash));
      const removed = await removeUnusedFiles(db, replaced);
      return { files: prepared.files.length, added: added.length, names: prepared.names.length, bytes: prepared.bytes, removed };
    }),
  );
}

/**
 * Stores an Anki package's media: hashed, deduplicated, checked against
 * `MEDIA_PACKAGE_LIMIT_BYTES`, then written in one transaction (nothing when it is refused).
 */
export async function storeAnkiMedia(db: Dexie, entries: readonly MediaEntry[], limit = MEDIA_PACKAGE_LIMIT_BYTES): Promise<MediaWriteReport> {
  return writeAnkiMedia(db, await prepareAnkiMedia(entries, limit));
}

export { deckMediaFiles, deleteDeckMedia, keepMediaOfDecks } from './deckMedia.ts';
