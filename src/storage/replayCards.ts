// Card states as a replay of their logs (core/sync/replay.ts), read and written inside the
// caller's transaction (cardStates, reviews, settings). Used when a log changes under a card: an
// undo, a reset, remote reviews from another device.

import { isGrade, newScheduleState, State, type FsrsLogEntry, type Grade, type ScheduleState } from '../core/scheduling/fsrs.ts';
import { normalizeSettings, type SchedulerSettings } from '../core/scheduling/settings.ts';
import { replayOrder, replayScheduleWithSource, sameSchedule, type ReplayEntry } from '../core/sync/replay.ts';
import { newReviewId, withIndexFields, type RehearseDb, type StoredCardState, type StoredReviewLog } from './db.ts';

/**
 * The ts-fsrs log entry of a row that was not graded here (an event, or a row from another
 * device: the entry does not travel), rebuilt from the state before it.
 */
export function logEntryFrom(before: ScheduleState, rating: number, at: number): FsrsLogEntry {
  return {
    rating: rating as FsrsLogEntry['rating'],
    state: before.state,
    due: before.due,
    stability: before.stability,
    difficulty: before.difficulty,
    elapsedDays: before.elapsedDays,
    lastElapsedDays: before.elapsedDays,
    scheduledDays: before.scheduledDays,
    learningSteps: before.learningSteps,
    review: at,
  };
}

/** A log entry that sets a card's state outright (a reset, a reschedule), made on this device at `now`. */
export function eventEntry(kind: 'reset' | 'reschedule', row: StoredCardState, after: ScheduleState, now: number, device: string): StoredReviewLog {
  return {
    id: newReviewId(),
    cardId: row.cardId,
    deckId: row.deckId,
    kind,
    rating: 0,
    reviewedAt: now,
    durationMs: 0,
    stateBefore: row.schedule,
    stateAfter: after,
    versionAfter: row.version + 1,
    device,
    fsrsLog: logEntryFrom(row.schedule, 0, now),
  };
}

/** A review row that is an answer that counts. */
export type LiveAnswer = StoredReviewLog & { rating: Grade };

/** An answer that counts: not voided, not an event. */
export function isLiveAnswer(r: StoredReviewLog): r is LiveAnswer {
  return !r.voided && (r.kind ?? 'grade') === 'grade' && isGrade(r.rating);
}

/** A stored row as the replay reads it. */
export function replayEntry(r: StoredReviewLog): ReplayEntry {
  return { id: r.id, kind: r.kind ?? 'grade', rating: r.rating, at: r.reviewedAt, before: r.stateBefore, after: r.stateAfter };
}

/** A card state with its replayed schedule (`changed` when it differs from the stored one). */
export interface ReplayedState {
  row: StoredCardState;
  schedule: StoredCardState['schedule'];
  /** Some entry was graded again: the state depends on the settings. */
  regraded: boolean;
  changed: boolean;
}

export async function schedulerSettingsIn(db: RehearseDb): Promise<SchedulerSettings> {
  return normalizeSettings((await db.settings.get('scheduler'))?.value as Partial<SchedulerSettings>);
}

/** Replays the named cards that have a state (others are skipped); writes nothing. */
export async function replayCards(db: RehearseDb, cardIds: readonly string[]): Promise<ReplayedState[]> {
  if (cardIds.length === 0) return [];
  const settings = await schedulerSettingsIn(db);
  // One keyed read per card, all in flight at once: `anyOf` walks one cursor across the index,
  // each step dearer as the log grows (fake-indexeddb: 12 s for 526 cards of a 190,000-row log).
  const [rows, perCard] = await Promise.all([
    db.cardStates.bulkGet([...cardIds]),
    Promise.all(cardIds.map((id) => db.reviews.where('cardId').equals(id).toArray())),
  ]);
  const logs = perCard.flat();
  const byCard = new Map<string, StoredReviewLog[]>();
  for (const log of logs) {
    let list = byCard.get(log.cardId);
    if (!list) byCard.set(log.cardId, (list = []));
    list.push(log);
  }
  const out: ReplayedState[] = [];
  for (const row of rows) {
    if (!row) continue;
    const all = (byCard.get(row.cardId) ?? []).map((r) => ({ row: r, entry: replayEntry(r) })).sort((a, b) => replayOrder(a.entry, b.entry));
    const live = all.filter((r) => !r.row.voided).map((r) => r.entry);
    // The card's first new state, as its first log row saw it (the same on every device holding that row).
    const first = all[0]?.entry.before;
    const initial = first && first.state === State.New ? first : row.schedule.state === State.New && all.length === 0 ? row.schedule : newScheduleState(0);
    const { schedule, regraded } = replayScheduleWithSource(live, initial, settings);
    const flagMoved = regraded !== (row.regraded === 1);
    out.push({ row, schedule, regraded, changed: flagMoved || !sameSchedule(schedule, row.schedule) || (schedule.state === State.New && schedule.due !== row.schedule.due) });
  }
  return out;
}

/** The settings a replay grades with (schedulerFor's), as one comparable key. */
function gradingKey(s: SchedulerSettings): string {
  return JSON.stringify([s.desiredRetention, s.enableFuzz, s.learningSteps, s.relearningSteps, s.maximumInterval, s.fsrsWeights ?? null]);
}

/**
 * The cards to replay after the scheduler settings went from `before` to `after` (here or from
 * another device): only a card whose replay graded an entry again depends on the settings (an
 * entry computed on the same history is taken as written), and its state carries `regraded`.
 * Every device replays the same cards, so two that took in the change at different moments
 * still agree. None when no grading setting changed.
 */
export async function cardsToReplayForSettings(db: RehearseDb, before: SchedulerSettings, after: SchedulerSettings): Promise<string[]> {
  if (gradingKey(before) === gradingKey(after)) return [];
  return (await db.cardStates.filter((s) => s.regraded === 1).primaryKeys()) as string[];
}

/** Writes the replayed states that changed, each with its version moved on; returns how many. */
export async function writeReplayed(db: RehearseDb, replayed: readonly ReplayedState[]): Promise<number> {
  const puts = replayed
    .filter((r) => r.changed)
    .map((r) => {
      const { regraded: _r, ...row } = r.row;
      return withIndexFields({ ...row, schedule: r.schedule, version: r.row.version + 1, ...(r.regraded ? { regraded: 1 as const } : {}) });
    });
  if (puts.length) await db.cardStates.bulkPut(puts);
  return puts.length;
}
