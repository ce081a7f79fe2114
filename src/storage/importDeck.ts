// The import preview's write: one deck synced as the user cut and ticked it, together with what
// to remember for the next import of the same file (the "Cut cards at" choice and the unticked
// cards), all in one transaction. The remembered choices live on the deck row itself, so they
// go with the deck into a backup and out with it when it is deleted.

import type { Deck } from '../core/deck/types.ts';
import type { RehearseDb, StoredDeck } from './db.ts';
import { guarded } from './errors.ts';
import { syncTables } from './syncLog.ts';
import { applySyncPlan, planDeckSync, type SyncOptions, type SyncReport } from './syncDecks.ts';

/** What the import preview remembers for a deck. */
export interface ImportChoices {
  /** A "Cut cards at" choice id; `auto` when the user left it to the converter. */
  cutAt: string;
  /** Cards the user unticked; they stay out of the deck on every re-import. */
  excludedCardIds: string[];
}

/** Auto, nothing unticked: a deck never imported, or imported without a change to either. */
export const DEFAULT_IMPORT_CHOICES: ImportChoices = { cutAt: 'auto', excludedCardIds: [] };

/** The choices remembered for `deckId` (the defaults when there are none, or when a restored row carries junk). */
export function importChoices(db: RehearseDb, deckId: string): Promise<ImportChoices> {
  return guarded(async () => choicesOf(await db.decks.get(deckId)));
}

function choicesOf(deck: StoredDeck | undefined): ImportChoices {
  if (!deck) return DEFAULT_IMPORT_CHOICES;
  const cutAt = typeof deck.importCut === 'string' && deck.importCut !== '' ? deck.importCut : 'auto';
  const excludedCardIds = Array.isArray(deck.excludedCardIds) ? deck.excludedCardIds.filter((id) => typeof id === 'string') : [];
  return { cutAt, excludedCardIds };
}

/**
 * Imports `deck` (its cards already without the unticked ones) as the user named it, and
 * remembers `choices` for its next import: what `syncDecks(db, [deck], now, { origin: 'imported' })`
 * does, plus the deck row's title set to `deck.title` (the name typed in the preview is the latest
 * word, so an earlier rename gives way to it) and the choices kept on the row, in one transaction.
 * `options.refusedTakeovers`: the takeovers the user refused in the preview.
 */
export function importDeck(
  db: RehearseDb,
  deck: Deck,
  choices: ImportChoices,
  now: number,
  options: Pick<SyncOptions, 'refusedTakeovers'> = {},
): Promise<SyncReport> {
  return guarded(() =>
    db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const plan = await planDeckSync(db, [deck], now, { ...options, origin: 'imported' });
      plan.deckPuts = plan.deckPuts.map((row) => (row.id === deck.id ? withChoices(row, deck.title, choices) : row));
      await applySyncPlan(db, plan, now);
      return plan.report;
    }),
  );
}

function withChoices(row: StoredDeck, title: string, choices: ImportChoices): StoredDeck {
  const { userTitle: _title, importCut: _cut, excludedCardIds: _excluded, ...rest } = row;
  const excluded = [...new Set(choices.excludedCardIds)];
  return {
    ...rest,
    title,
    ...(choices.cutAt !== 'auto' && choices.cutAt !== '' ? { importCut: choices.cutAt } : {}),
    ...(excluded.length > 0 ? { excludedCardIds: excluded } : {}),
  };
}
