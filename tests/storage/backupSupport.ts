// Shared by the backup tests: every table's rows, and one answer recorded.
import { recordReview, type RehearseDb } from '../../src/storage/index.ts';
import { LOCAL_ONLY_SETTINGS } from '../../src/storage/syncLog.ts';

/** Every table, for "nothing changed" and "identical after the round trip" (a device's own keys — its id, its sync code — never travel in a backup, so they are left out). */
export async function dump(db: RehearseDb) {
  return {
    decks: await db.decks.toArray(),
    cards: await db.cards.toArray(),
    cardStates: await db.cardStates.toArray(),
    reviewLogs: await db.reviews.toArray(),
    settings: (await db.settings.toArray()).filter((s) => !LOCAL_ONLY_SETTINGS.has(s.key)),
  };
}

/** Answers `cardId` with `rating` at `now`, from its current state. */
export async function review(db: RehearseDb, cardId: string, rating: number, now: number, durationMs = 4200) {
  const state = await db.cardStates.get(cardId);
  return recordReview(db, { cardId, rating: rating as never, now, durationMs, expectedStateVersion: state!.version });
}
