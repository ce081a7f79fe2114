// Changes the user makes to one card from the card browser: edit its text (kept as the user's own
// through every deck sync), revert to the note's version, and reset its progress. Each is one
// transaction; the review log is never rewritten.

import { newScheduleState } from '../core/scheduling/fsrs.ts';
import { withIndexFields, type RehearseDb, type StoredCard } from './db.ts';
import { eventEntry } from './replayCards.ts';
import { guarded, StorageError, storageErrorMessage } from './errors.ts';
import { editKey, flagsKey } from './registers.ts';
import { ensureDeviceId, noteChanges, syncTables } from './syncLog.ts';

/** The text of a card the user can change. */
export interface CardText {
  front: string;
  back: string;
  tags: string[];
}

function notFound(cardId: string): StorageError {
  return new StorageError('not-found', `${storageErrorMessage('not-found')} (${cardId})`);
}

/** Tags as the user typed them: trimmed, spaces inside a tag made '-', empty and repeated ones dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, '-');
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function sameText(a: CardText, b: CardText): boolean {
  return a.front === b.front && a.back === b.back && JSON.stringify(a.tags) === JSON.stringify(b.tags);
}

/**
 * Saves the user's text for a card and marks it edited, so deck syncs keep it. The note's version
 * is kept beside it (and refreshed by later syncs) for `revertCardEdit`. Saving exactly the note's
 * version is a revert. An empty front keeps the card's front (the screen does not offer to save one).
 */
export function editCard(db: RehearseDb, cardId: string, text: CardText, now = Date.now()): Promise<StoredCard> {
  return guarded(() =>
    db.transaction('rw', [db.cards, ...syncTables(db)], async () => {
      const card = await db.cards.get(cardId);
      if (!card) throw notFound(cardId);
      const next: CardText = { front: text.front.trim() ? text.front : card.front, back: text.back, tags: normalizeTags(text.tags) };
      const original = card.original ?? { front: card.front, back: card.back, tags: card.tags };
      const { original: _o, userEdited: _u, ...rest } = card;
      const updated: StoredCard = sameText(next, original)
        ? { ...rest, ...original }
        : { ...rest, ...next, userEdited: true, original: card.userEdited ? original : { front: card.front, back: card.back, tags: card.tags } };
      await db.cards.put(updated);
      await noteChanges(db, [{ t: 'register', id: editKey(cardId) }], now);
      return updated;
    }),
  );
}

/** Puts the note's version back on an edited card; deck syncs update it again. */
export function revertCardEdit(db: RehearseDb, cardId: string, now = Date.now()): Promise<StoredCard> {
  return guarded(() =>
    db.transaction('rw', [db.cards, ...syncTables(db)], async () => {
      const card = await db.cards.get(cardId);
      if (!card) throw notFound(cardId);
      if (!card.userEdited || !card.original) return card;
      const { original, userEdited: _u, ...rest } = card;
      const updated: StoredCard = { ...rest, ...original };
      await db.cards.put(updated);
      await noteChanges(db, [{ t: 'register', id: editKey(cardId) }], now);
      return updated;
    }),
  );
}

/**
 * Forgets a card's progress: it becomes new again (back in its deck's order of new cards), with
 * its review history kept. The state's version moves on, so a session holding the old state
 * cannot grade it.
 */
export function resetCard(db: RehearseDb, cardId: string, now: number): Promise<void> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const row = await db.cardStates.get(cardId);
      if (!row) throw notFound(cardId);
      const schedule = newScheduleState(now);
      // The reset is an entry of the card's log, so it travels and replays like an answer.
      const entry = eventEntry('reset', row, schedule, now, await ensureDeviceId(db));
      await db.reviews.add(entry);
      await db.cardStates.put(withIndexFields({ ...row, schedule, version: row.version + 1, buriedUntil: 0 }));
      await noteChanges(db, [{ t: 'review', id: entry.id }, ...(row.buriedUntil !== 0 ? [{ t: 'register' as const, id: flagsKey(cardId) }] : [])], now);
    }),
  );
}
