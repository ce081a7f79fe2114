// Personal FSRS parameters: the review log read for the optimizer, and rescheduling every card
// from its own history under new parameters (one transaction). Saving the parameters themselves
// is `saveSettings(db, { fsrsWeights })`.

import { gradeCard, newScheduleState, State, type ScheduleState } from '../core/scheduling/fsrs.ts';
import type { ReviewEvent } from '../core/optimizer/trainingData.ts';
import { withIndexFields, type RehearseDb, type StoredCardState, type StoredReviewLog } from './db.ts';
import { ensureDeviceId, noteChanges, syncTables } from './syncLog.ts';
import { guarded } from './errors.ts';
import { loadSettings } from './settings.ts';
import { eventEntry, isLiveAnswer } from './replayCards.ts';

/** Every answer in the log, reduced to what the optimizer needs, oldest first. */
export function reviewEventsForOptimizer(db: RehearseDb): Promise<ReviewEvent[]> {
  return guarded(async () => {
    const events: ReviewEvent[] = [];
    await db.reviews.orderBy('reviewedAt').each((r: StoredReviewLog) => {
      if (!isLiveAnswer(r)) return;
      events.push({ cardId: r.cardId, rating: r.rating, reviewedAt: r.reviewedAt, fromNew: r.stateBefore.state === State.New });
    });
    return events;
  });
}

/** What rescheduling changed. */
export interface RescheduleReport {
  /** Cards with a history that were recomputed. */
  cards: number;
  /** Of those, the ones whose due date moved. */
  moved: number;
}

/**
 * Recomputes every studied card's state by replaying its answers (since its last reset) with the
 * current settings, as if these parameters had been used all along: new stability, difficulty
 * and due date. Flags (suspended, buried) stay; the review log is not rewritten. One transaction;
 * each changed state's version moves on, so an open review session reloads rather than overwrite.
 */
export function rescheduleCards(db: RehearseDb, now = Date.now()): Promise<RescheduleReport> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const settings = await loadSettings(db);
      const device = await ensureDeviceId(db);
      const logs = new Map<string, StoredReviewLog[]>();
      await db.reviews.orderBy('reviewedAt').each((r: StoredReviewLog) => {
        if (r.voided) return;
        let list = logs.get(r.cardId);
        if (!list) logs.set(r.cardId, (list = []));
        list.push(r);
      });
      const puts: StoredCardState[] = [];
      const events: StoredReviewLog[] = [];
      let cards = 0;
      let moved = 0;
      await db.cardStates.each((row: StoredCardState) => {
        const history = logs.get(row.cardId);
        if (!history || row.schedule.state === State.New) return;
        let start = 0;
        history.forEach((r, i) => {
          if (r.kind === 'reset' || (isLiveAnswer(r) && r.stateBefore.state === State.New)) start = i;
        });
        let schedule: ScheduleState = newScheduleState(history[start]!.reviewedAt);
        for (const r of history.slice(start)) {
          if (isLiveAnswer(r)) schedule = gradeCard(schedule, r.rating, r.reviewedAt, settings).state;
        }
        cards++;
        if (schedule.due !== row.schedule.due) moved++;
        if (JSON.stringify(schedule) !== JSON.stringify(row.schedule)) {
          puts.push(withIndexFields({ ...row, schedule, version: row.version + 1 }));
          // The new state is an entry of the card's log: it travels and replays like an answer.
          events.push(eventEntry('reschedule', row, schedule, now, device));
        }
      });
      for (let i = 0; i < puts.length; i += 1000) {
        await db.cardStates.bulkPut(puts.slice(i, i + 1000));
        await db.reviews.bulkAdd(events.slice(i, i + 1000));
      }
      await noteChanges(db, events.map((e) => ({ t: 'review' as const, id: e.id })), now);
      return { cards, moved };
    }),
  );
}
