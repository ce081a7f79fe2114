// Writing answers: each grade, undo, bury or suspend is one transaction, so a card's state and
// its review history never disagree, even with two tabs open.

import { nextDayStart } from '../core/scheduling/day.ts';
import { gradeCard, type Grade, type GradeResult, type ScheduleState } from '../core/scheduling/fsrs.ts';
import { normalizeSettings, type SchedulerSettings } from '../core/scheduling/settings.ts';
import { sameSchedule } from '../core/sync/replay.ts';
import { reviewMonth } from '../core/sync/rows.ts';
import { newReviewId, withIndexFields, type RehearseDb, type StoredCardState, type StoredReviewLog, type StoredReviewVoid } from './db.ts';
import { flagsKey } from './registers.ts';
import { isLiveAnswer, logEntryFrom, replayCards } from './replayCards.ts';
import { ensureDeviceId, noteChanges, syncTables } from './syncLog.ts';
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
  /**
   * A custom session that does not reschedule: the row is a `practice` entry (the card's state
   * before and after, no FSRS log of a real grade) and the card's state and version stay.
   */
  practice?: boolean;
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
 * committed, with the new row's `logId` (its unique id, the handle for `undoReview`).
 */
export function recordReview(db: RehearseDb, answer: ReviewAnswer): Promise<RecordedState & { logId: string }> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const row = await db.cardStates.get(answer.cardId);
      if (!row) throw new StorageError('not-found', storageErrorMessage('not-found'));
      if (row.version !== answer.expectedStateVersion) throw stale(answer.cardId);
      if (answer.practice) return recordPractice(db, row, answer);
      const { state, log } = answer.outcome ?? gradeCard(row.schedule, answer.rating, answer.now, await settingsIn(db));
      const version = row.version + 1;
      const entry: StoredReviewLog = {
        id: newReviewId(),
        cardId: row.cardId,
        deckId: row.deckId,
        rating: answer.rating,
        reviewedAt: answer.now,
        durationMs: Math.max(0, Math.round(answer.durationMs)),
        stateBefore: row.schedule,
        stateAfter: state,
        versionAfter: version,
        device: await ensureDeviceId(db),
        fsrsLog: log,
      };
      if (answer.id !== undefined) entry.commandId = answer.id;
      // Both requests at once: IndexedDB runs them in order within the transaction.
      await Promise.all([db.cardStates.put(withIndexFields({ ...row, schedule: state, version })), db.reviews.add(entry)]);
      await noteChanges(db, [{ t: 'review', id: entry.id }], answer.now);
      return { cardId: row.cardId, schedule: state, version, logId: entry.id };
    }),
  );
}

/** Inside recordReview's transaction: a practice answer, written to the log only. */
async function recordPractice(db: RehearseDb, row: StoredCardState, answer: ReviewAnswer): Promise<RecordedState & { logId: string }> {
  const entry: StoredReviewLog = {
    id: newReviewId(),
    cardId: row.cardId,
    deckId: row.deckId,
    kind: 'practice',
    rating: answer.rating,
    reviewedAt: answer.now,
    durationMs: Math.max(0, Math.round(answer.durationMs)),
    stateBefore: row.schedule,
    stateAfter: row.schedule,
    versionAfter: row.version,
    device: await ensureDeviceId(db),
    fsrsLog: logEntryFrom(row.schedule, answer.rating, answer.now),
  };
  if (answer.id !== undefined) entry.commandId = answer.id;
  await db.reviews.add(entry);
  await noteChanges(db, [{ t: 'review', id: entry.id }], answer.now);
  return { cardId: row.cardId, schedule: row.schedule, version: row.version, logId: entry.id };
}

/**
 * Takes back one answer, named by the `logId` that `recordReview` returned: a void is written for
 * it (the row itself stays, marked voided) and the card's state is replayed without it — its
 * state and version from before — in one transaction. Nothing else is touched, so another tab's
 * answers stay. Refused with `nothing-to-undo` when that row is not there or already voided, and
 * with `stale-state` when the card changed since (answered again, in any tab).
 */
export function undoReview(db: RehearseDb, logId: string, now = Date.now()): Promise<RecordedState> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviews, db.reviewVoids, ...syncTables(db)], async () =>
      takeBack(db, await db.reviews.get(logId), now),
    ),
  );
}

/** How far back `findReviewByCommand` looks: a session's grades are among the newest rows. */
const RECENT_ROWS = 500;

/**
 * The log id of the row a review screen's command wrote, among the newest rows; undefined when
 * it is not there (never written, or taken back).
 */
export function findReviewByCommand(db: RehearseDb, commandId: string): Promise<string | undefined> {
  return guarded(async () => {
    const rows = await db.reviews.orderBy('reviewedAt').reverse().limit(RECENT_ROWS).toArray();
    return rows.find((r) => r.commandId === commandId && !r.voided)?.id;
  });
}

/**
 * Takes back the newest live answer of the whole log (of `cardId`, when given: refused with
 * `stale-state` if a later answer exists). Kept for backups and tests; the review screen uses
 * `undoReview`, because with two tabs open the newest row may be the other tab's answer.
 */
export function undoLastReview(db: RehearseDb, cardId?: string, now = Date.now()): Promise<RecordedState> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviews, db.reviewVoids, ...syncTables(db)], async () => {
      let last: StoredReviewLog | undefined;
      await db.reviews
        .orderBy('reviewedAt')
        .reverse()
        .until(() => last !== undefined)
        .each((r) => {
          if (isLiveAnswer(r)) last = r;
        });
      if (last && cardId !== undefined && last.cardId !== cardId) throw stale(cardId);
      return takeBack(db, last, now);
    }),
  );
}

/** Inside a transaction: voids `entry` and replays its card without it. */
async function takeBack(db: RehearseDb, entry: StoredReviewLog | undefined, now: number): Promise<RecordedState> {
  if (entry && !entry.voided && entry.kind === 'practice') return takeBackPractice(db, entry, now);
  if (!entry || entry.voided || !isLiveAnswer(entry)) throw new StorageError('nothing-to-undo', storageErrorMessage('nothing-to-undo'));
  const row = await db.cardStates.get(entry.cardId);
  if (!row || row.version !== entry.versionAfter) throw stale(entry.cardId);
  const voidRow: StoredReviewVoid = { id: entry.id, month: reviewMonth(entry.reviewedAt), voidedAt: now, device: await ensureDeviceId(db) };
  await Promise.all([db.reviewVoids.put(voidRow), db.reviews.put({ ...entry, voided: 1 })]);
  const [state] = await replayCards(db, [entry.cardId]);
  await noteChanges(db, [{ t: 'void', id: entry.id }], now);
  // Back to exactly the state before the answer: its version too, so a tab still holding that
  // version may grade it again.
  const schedule = state?.schedule ?? entry.stateBefore;
  const version = sameSchedule(schedule, entry.stateBefore) ? entry.versionAfter - 1 : row.version + 1;
  const { regraded: _r, ...rest } = row;
  await db.cardStates.put(withIndexFields({ ...rest, schedule, version, ...(state?.regraded ? { regraded: 1 as const } : {}) }));
  return { cardId: entry.cardId, schedule, version };
}

/** Voids a practice answer: the card's state never moved, so nothing else changes. */
async function takeBackPractice(db: RehearseDb, entry: StoredReviewLog, now: number): Promise<RecordedState> {
  const row = await db.cardStates.get(entry.cardId);
  const voidRow: StoredReviewVoid = { id: entry.id, month: reviewMonth(entry.reviewedAt), voidedAt: now, device: await ensureDeviceId(db) };
  await Promise.all([db.reviewVoids.put(voidRow), db.reviews.put({ ...entry, voided: 1 })]);
  await noteChanges(db, [{ t: 'void', id: entry.id }], now);
  return { cardId: entry.cardId, schedule: row?.schedule ?? entry.stateBefore, version: row?.version ?? entry.versionAfter };
}

async function updateFlags(
  db: RehearseDb,
  cardId: string,
  change: { suspended?: boolean; buriedUntil?: number },
  now: number,
): Promise<void> {
  const row = await db.cardStates.get(cardId);
  if (!row) throw new StorageError('not-found', storageErrorMessage('not-found'));
  await db.cardStates.put(withIndexFields({ ...row, ...change }));
  await noteChanges(db, [{ t: 'register', id: flagsKey(cardId) }], now);
}

/** Suspends (or, with `false`, unsuspends) a card: out of every queue until unsuspended. */
export function suspendCard(db: RehearseDb, cardId: string, suspended = true, now = Date.now()): Promise<void> {
  return guarded(() => db.transaction('rw', [db.cardStates, ...syncTables(db)], () => updateFlags(db, cardId, { suspended }, now)));
}

/** Buries a card until the next study day starts; returns that time. */
export function buryCard(db: RehearseDb, cardId: string, now: number): Promise<number> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, ...syncTables(db)], async () => {
      const until = nextDayStart(now, (await settingsIn(db)).dayStartHour, db.timeZone);
      await updateFlags(db, cardId, { buriedUntil: until }, now);
      return until;
    }),
  );
}

/** Takes a card out of burial now. */
export function unburyCard(db: RehearseDb, cardId: string, now = Date.now()): Promise<void> {
  return guarded(() => db.transaction('rw', [db.cardStates, ...syncTables(db)], () => updateFlags(db, cardId, { buriedUntil: 0 }, now)));
}
