// The media files of an Anki package, read on demand (the package reader lists them without
// decompressing them, so a preview of a large package stays light). In the current layout each
// file is zstd-compressed inside the zip (rslib/src/import_export/package/media.rs); in older
// ones it is stored as is.
import { unzipSync } from 'fflate';
import type { AnkiLayout, AnkiMediaFile } from './types.ts';
import { zstdDecompress } from './zstd.ts';

/** The bytes of `files` (from `readAnkiPackage(…).media`), by media name; unreadable files are left out. */
export function readAnkiMedia(bytes: Uint8Array, layout: AnkiLayout, files: readonly AnkiMediaFile[]): Map<string, Uint8Array> {
  const nameOf = new Map(files.map((file) => [file.zipName, file.name]));
  const entries = unzipSync(bytes, { filter: (entry) => nameOf.has(entry.name) });
  const media = new Map<string, Uint8Array>();
  for (const [zipName, stored] of Object.entries(entries)) {
    try {
      media.set(nameOf.get(zipName)!, layout === 'anki21b' ? zstdDecompress(stored) : stored);
    } catch {
      // A damaged file: the caller sees it missing from the map, and says so.
    }
  }
  return media;
}
