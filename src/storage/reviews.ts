// Writing answers: each grade, undo, bury or suspend is one transaction, so a card's state and
// its review history never disagree, even with two tabs open.

import { nextDayStart } from '../core/scheduling/day.ts';
import { gradeCard, type Grade, type ScheduleState } from '../core/scheduling/fsrs.ts';
import { normalizeSettings, type SchedulerSettings } from '../core/scheduling/settings.ts';
import { withIndexFields, type RehearseDb, type StoredReviewLog } from './db.ts';
import { guarded, StorageError, storageErrorMessage } from './errors.ts';

/** One answer to record. */
export interface ReviewAnswer {
  cardId: string;
  rating: Grade;
  now: number;
  durationMs: number;
  /** The state version the grade was computed from (the queue item's `version`). */
  expectedStateVersion: number;
}

/** A card's state after a write. */
export interface RecordedState {
  cardId: string;
  schedule: ScheduleState;
  version: number;
}

async function settingsIn(db: RehearseDb): Promise<SchedulerSettings> {
  return normalizeSettings((await db.settings.get('scheduler'))?.value as Partial<SchedulerSettings>);
}

function stale(cardId: string): StorageError {
  return new StorageError('stale-state', `${storageErrorMessage('stale-state')} (card ${cardId})`);
}

/**
 * Grades a card: computes its next state from the stored one and writes it together with the
 * review-log row, in one transaction. Rejects with `stale-state` (writing nothing) if the card's
 * version is no longer `expectedStateVersion`, e.g. another tab answered it first.
 */
export function recordReview(db: RehearseDb, answer: ReviewAnswer): Promise<RecordedState & { logId: number }> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviewLogs, db.settings], async () => {
      const row = await db.cardStates.get(answer.cardId);
      if (!row) throw new StorageError('not-found', `${storageErrorMessage('not-found')} (${answer.cardId})`);
      if (row.version !== answer.expectedStateVersion) throw stale(answer.cardId);
      const settings = await settingsIn(db);
      const { state, log } = gradeCard(row.schedule, answer.rating, answer.now, settings);
      const version = row.version + 1;
      await db.cardStates.put(withIndexFields({ ...row, schedule: state, version }));
      const entry: StoredReviewLog = {
        cardId: row.cardId,
        deckId: row.deckId,
        rating: answer.rating,
        reviewedAt: answer.now,
        durationMs: Math.max(0, Math.round(answer.durationMs)),
        stateBefore: row.schedule,
        stateAfter: state,
        versionAfter: version,
        fsrsLog: log,
      };
      const logId = await db.reviewLogs.add(entry);
      return { cardId: row.cardId, schedule: state, version, logId };
    }),
  );
}

/**
 * Takes back the most recent answer (of `cardId`, when given: refused with `stale-state` if a
 * later answer exists): the card returns to its state and version from before, and the log row
 * is deleted, in one transaction. Refused with `stale-state` if the card changed since.
 */
export function undoLastReview(db: RehearseDb, cardId?: string): Promise<RecordedState> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviewLogs], async () => {
      const last = await db.reviewLogs.orderBy('id').last();
      if (!last || last.id === undefined) throw new StorageError('nothing-to-undo', storageErrorMessage('nothing-to-undo'));
      if (cardId !== undefined && last.cardId !== cardId) throw stale(cardId);
      const row = await db.cardStates.get(last.cardId);
      if (!row || row.version !== last.versionAfter) throw stale(last.cardId);
      // The state is exactly the one before the answer, so its version is too: a tab still
      // holding that version may grade it again.
      const version = last.versionAfter - 1;
      await db.cardStates.put(withIndexFields({ ...row, schedule: last.stateBefore, version }));
      await db.reviewLogs.delete(last.id);
      return { cardId: last.cardId, schedule: last.stateBefore, version };
    }),
  );
}

async function updateFlags(
  db: RehearseDb,
  cardId: string,
  change: { suspended?: boolean; buriedUntil?: number },
): Promise<void> {
  const row = await db.cardStates.get(cardId);
  if (!row) throw new StorageError('not-found', `${storageErrorMessage('not-found')} (${cardId})`);
  await db.cardStates.put(withIndexFields({ ...row, ...change }));
}

/** Suspends (or, with `false`, unsuspends) a card: out of every queue until unsuspended. */
export function suspendCard(db: RehearseDb, cardId: string, suspended = true): Promise<void> {
  return guarded(() => db.transaction('rw', db.cardStates, () => updateFlags(db, cardId, { suspended })));
}

/** Buries a card until the next study day starts; returns that time. */
export function buryCard(db: RehearseDb, cardId: string, now: number): Promise<number> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.settings], async () => {
      const until = nextDayStart(now, (await settingsIn(db)).dayStartHour, db.timeZone);
      await updateFlags(db, cardId, { buriedUntil: until });
      return until;
    }),
  );
}

/** Takes a card out of burial now. */
export function unburyCard(db: RehearseDb, cardId: string): Promise<void> {
  return guarded(() => db.transaction('rw', db.cardStates, () => updateFlags(db, cardId, { buriedUntil: 0 })));
}
