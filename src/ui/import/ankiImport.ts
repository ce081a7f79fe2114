// The import screen's write of an Anki package: its decks, cards, answers and media in one
// transaction (`importAnkiDecksWithMedia`: media over the limit are refused before anything is
// written; a re-import adds only what is new); and which of its decks the app holds already
// (the preview says which Import updates).
import { listDecks, type RehearseDb } from '../../storage/index.ts';
import { importAnkiDecksWithMedia } from '../../storage/media/importWithMedia.ts';
import type { AnkiImportResult } from '../../workers/importProtocol.ts';
import { ankiImportedSummary } from './ankiLib.ts';

/** The ids among `ids` of decks already stored. */
export async function existingDeckIds(db: RehearseDb, ids: readonly string[]): Promise<Set<string>> {
  const stored = new Set((await listDecks(db)).map((deck) => deck.id));
  return new Set(ids.filter((id) => stored.has(id)));
}

/** Writes the package's decks; returns them (to study) and the result line. */
export async function writeAnkiPackage(
  db: RehearseDb,
  result: AnkiImportResult,
  now: number,
): Promise<{ decks: Array<{ id: string; title: string }>; summary: string }> {
  const report = await importAnkiDecksWithMedia(db, result.decks, result.media, now);
  const cards = result.decks.reduce((sum, deck) => sum + deck.cards.length, 0);
  return { decks: result.decks.map((deck) => ({ id: deck.id, title: deck.title })), summary: ankiImportedSummary(report, cards) };
}
