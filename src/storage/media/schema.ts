// The media tables (schema version 6 and later), declared by the RehearseDb constructor: the
// images and sounds of imported Anki packages, kept on the device so cards show them offline.
// Files are content-addressed (one row per distinct file, keyed by the SHA-256 of its bytes);
// names are per deck, since two decks may each have a different `photo.jpg`.

import type { Dexie, Table } from 'dexie';

/** Version 6: media files and the names decks know them by. New tables, so no upgrade step. */
export const SCHEMA_V6_MEDIA = {
  media: 'hash',
  // `hash` finds the names still pointing at a file, so a file no name uses can go.
  mediaNames: '[deckId+name], deckId, hash',
} as const;

/** One media file. */
export interface StoredMedia {
  /** SHA-256 of the bytes, lowercase hex. */
  hash: string;
  /** MIME type, from the file's first bytes or else its name (`application/octet-stream` when neither says). */
  type: string;
  /** Bytes. */
  size: number;
  /** The file, with `type` as its type (IndexedDB keeps a Blob outside the row's own record). */
  bytes: Blob;
}

/** The name a deck's cards use for a file (`<img src="photo.jpg">`, `[sound:hello.mp3]`). */
export interface StoredMediaName {
  deckId: string;
  name: string;
  hash: string;
}

/** The media tables of `db` (not declared on RehearseDb, so db.ts stays as it was but for one line). */
export function mediaTables(db: Dexie): { media: Table<StoredMedia, string>; mediaNames: Table<StoredMediaName, [string, string]> } {
  return { media: db.table('media'), mediaNames: db.table('mediaNames') };
}

export function declareMediaSchema(db: Dexie): void {
  db.version(6).stores(SCHEMA_V6_MEDIA);
}
