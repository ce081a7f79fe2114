// From an Anki package, read, and the decks made of it, to the media entries `storeAnkiMedia`
// writes: each deck gets the files its cards name, read from the package (decompressed only
// then). Files no card names — template fonts, leftovers Anki's "Check Media" would list — are
// skipped. Pure (no Dexie, no DOM): the import worker can call it.

import { readAnkiMedia } from '../../core/anki/media.ts';
import type { AnkiMediaFile, AnkiPackage } from '../../core/anki/types.ts';
import { mediaReferences, percentDecodedName } from './mediaReferences.ts';
import type { MediaEntry } from './storeMedia.ts';

/** What of a deck the media step reads: its id and its cards' sides. */
export interface MediaDeck {
  id: string;
  cards: readonly { front: string; back: string }[];
}

/** Which listed files each deck's cards name, and how many names no file answers. */
export interface MediaPlan {
  /** The files to read, each once. */
  files: AnkiMediaFile[];
  /** Deck id → the listed names its cards use. */
  byDeck: Map<string, Set<string>>;
  /** Size of `files` as the package lists them, in bytes: what the preview shows and the limit checks. */
  bytes: number;
  /** Of `files`, how many cards show as images and how many they play (for "4 images, 1 sound, 2.2 MB"). */
  images: number;
  sounds: number;
  /** Names cards use that the package does not hold (distinct per deck). */
  missing: number;
  /** Listed files no card names (not stored). */
  unused: number;
}

/** The package's media the decks' cards use, from the list alone (nothing is decompressed). */
export function planPackageMedia(listed: readonly AnkiMediaFile[], decks: readonly MediaDeck[]): MediaPlan {
  const byName = new Map(listed.map((file) => [file.name, file]));
  const used = new Map<string, AnkiMediaFile>();
  const shownAsImage = new Set<string>();
  const byDeck = new Map<string, Set<string>>();
  let missing = 0;
  for (const deck of decks) {
    const names = new Set<string>();
    const unknown = new Set<string>();
    for (const card of deck.cards) {
      for (const side of [card.front, card.back]) {
        const { images, sounds } = mediaReferences(side);
        for (const [i, name] of [...images, ...sounds].entries()) {
          const file = byName.get(name) ?? byName.get(percentDecodedName(name) ?? '');
          if (file) {
            names.add(file.name);
            used.set(file.name, file);
            if (i < images.length) shownAsImage.add(file.name);
          } else unknown.add(name);
        }
      }
    }
    missing += unknown.size;
    if (names.size) byDeck.set(deck.id, names);
  }
  const files = [...used.values()];
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  return { files, byDeck, bytes, images: shownAsImage.size, sounds: files.length - shownAsImage.size, missing, unused: listed.length - files.length };
}

/** A package's media, ready for `storeAnkiMedia`. */
export interface PackageMedia {
  /** One per deck and name; a file two decks use is the same byte array in both. */
  entries: MediaEntry[];
  /** Size of the distinct files read, in bytes. */
  bytes: number;
  /** Listed files no card names, left out. */
  unused: number;
  /** Names cards use that the package lacks or could not be read, in plain words. */
  warnings: string[];
}

/**
 * The media `decks` (made from `pkg`) need, read from `packageBytes`: the one call an import
 * makes between reading a package and `storeAnkiMedia`. Cards naming a file the package lacks
 * (or holds damaged) get a warning; they show the name in a placeholder.
 */
export function mediaForPackage(packageBytes: Uint8Array, pkg: Pick<AnkiPackage, 'layout' | 'media'>, decks: readonly MediaDeck[]): PackageMedia {
  const plan = planPackageMedia(pkg.media, decks);
  const read = plan.files.length ? readAnkiMedia(packageBytes, pkg.layout, plan.files) : new Map<string, Uint8Array>();
  const entries: MediaEntry[] = [];
  for (const [deckId, names] of plan.byDeck) {
    for (const name of names) {
      const bytes = read.get(name);
      if (bytes) entries.push({ deckId, name, bytes });
    }
  }
  const warnings: string[] = [];
  if (plan.missing > 0) {
    warnings.push(`${plan.missing === 1 ? 'One image or sound the cards show is' : `${plan.missing} images or sounds the cards show are`} not in the package; the cards show ${plan.missing === 1 ? 'its name' : 'their names'} instead.`);
  }
  const damaged = plan.files.filter((file) => !read.has(file.name)).length;
  if (damaged > 0) {
    warnings.push(`${damaged === 1 ? 'One media file' : `${damaged} media files`} of the package could not be read; the cards show ${damaged === 1 ? 'its name' : 'their names'} instead.`);
  }
  const bytes = [...read.values()].reduce((sum, file) => sum + file.length, 0);
  return { entries, bytes, unused: plan.unused, warnings };
}
