// Writing answers: each grade, undo, bury or suspend is one transaction, so a card's state and
// its review history never disagree, even with two tabs open.

import { nextDayStart } from '../core/scheduling/day.ts';
import { gradeCard, type Grade, type GradeResult, type ScheduleState } from '../core/scheduling/fsrs.ts';
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
  /**
   * The outcome the review screen showed on the button (`gradeOutcomes` when the answer was
   * shown): written as it is, so what a button says is what it does. Absent: computed here at `now`.
   */
  outcome?: GradeResult;
  /** The review screen's command id (`WriteCommand.id`), kept on the row for `findReviewByCommand`. */
  id?: string;
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
  // No id in the sentence: the review screen says what happened in words (see ui/study/messages.ts).
  const error = new StorageError('stale-state', storageErrorMessage('stale-state'));
  return Object.assign(error, { cardId });
}

/**
 * Grades a card: writes its next state together with the review-log row, in one transaction.
 * Rejects with `stale-state` (writing nothing) if the card's version is no longer
 * `expectedStateVersion`, e.g. another tab answered it first. Resolves once the transaction has
 * committed, with the new row's `logId` (the handle for `undoReview`).
 */
export function recordReview(db: RehearseDb, answer: ReviewAnswer): Promise<RecordedState & { logId: number }> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviewLogs, db.settings], async () => {
      const row = await db.cardStates.get(answer.cardId);
      if (!row) throw new StorageError('not-found', storageErrorMessage('not-found'));
      if (row.version !== answer.expectedStateVersion) throw stale(answer.cardId);
      const { state, log } = answer.outcome ?? gradeCard(row.schedule, answer.rating, answer.now, await settingsIn(db));
      const version = row.version + 1;
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
      if (answer.id !== undefined) entry.commandId = answer.id;
      // Both requests at once: IndexedDB runs them in order within the transaction.
      const [, logId] = await Promise.all([
        db.cardStates.put(withIndexFields({ ...row, schedule: state, version })),
        db.reviewLogs.add(entry),
      ]);
      return { cardId: row.cardId, schedule: state, version, logId };
    }),
  );
}

/**
 * Takes back one answer, named by the `logId` that `recordReview` returned: the card returns to
 * its state and version from before, and the log row is deleted, in one transaction. Nothing else
 * is touched, so another tab's answers stay. Refused with `nothing-to-undo` when that row is no
 * longer there, and with `stale-state` when the card changed since (answered again, in any tab).
 */
export function undoReview(db: RehearseDb, logId: number): Promise<RecordedState> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviewLogs], async () => takeBack(db, await db.reviewLogs.get(logId))),
  );
}

/** How far back `findReviewByCommand` looks: a session's grades are among the newest rows. */
const RECENT_ROWS = 500;

/**
 * The log id of the row a review screen's command wrote, among the newest rows; undefined when
 * it is not there (never written, or taken back).
 */
export function findReviewByCommand(db: RehearseDb, commandId: string): Promise<number | undefined> {
  return guarded(async () => {
    const rows = await db.reviewLogs.orderBy('id').reverse().limit(RECENT_ROWS).toArray();
    return rows.find((r) => r.commandId === commandId)?.id;
  });
}

/**
 * Takes back the newest row of the whole log (of `cardId`, when given: refused with
 * `stale-state` if a later answer exists). Kept for backups and tests; the review screen uses
 * `undoReview`, because with two tabs open the newest row may be the other tab's answer.
 */
export function undoLastReview(db: RehearseDb, cardId?: string): Promise<RecordedState> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviewLogs], async () => {
      const last = await db.reviewLogs.orderBy('id').last();
      if (last && cardId !== undefined && last.cardId !== cardId) throw stale(cardId);
      return takeBack(db, last);
    }),
  );
}

/** Inside a transaction: restores the card to its state before `entry` and deletes the row. */
async function takeBack(db: RehearseDb, entry: StoredReviewLog | undefined): Promise<RecordedState> {
  if (!entry || entry.id === undefined) throw new StorageError('nothing-to-undo', storageErrorMessage('nothing-to-undo'));
  const row = await db.cardStates.get(entry.cardId);
  if (!row || row.version !== entry.versionAfter) throw stale(entry.cardId);
  // The state is exactly the one before the answer, so its version is too: a tab still
  // holding that version may grade it again.
  const version = entry.versionAfter - 1;
  await Promise.all([
    db.cardStates.put(withIndexFields({ ...row, schedule: entry.stateBefore, version })),
    db.reviewLogs.delete(entry.id),
  ]);
  return { cardId: entry.cardId, schedule: entry.stateBefore, version };
}

async function updateFlags(
  db: RehearseDb,
  cardId: string,
  change: { suspended?: boolean; buriedUntil?: number },
): Promise<void> {
  const row = await db.cardStates.get(cardId);
  if (!row) throw new StorageError('not-found', storageErrorMessage('not-found'));
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
