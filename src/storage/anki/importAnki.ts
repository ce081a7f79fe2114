// Anki decks with their progress, written: the decks and cards synced as any imported deck is,
// each Anki answer added to the card's log under an id made from its revlog id (so a re-import
// adds only the answers it does not have), and each card's state the replay of its whole log,
// Anki's answers and Rehearse's in time order (core/anki/replayState.ts). One transaction.

import { fsrsAgreement, replayAnkiCard, type AnkiCardReplay, type AnkiRehearseDeck } from '../../core/anki/index.ts';
import { nextDayStart } from '../../core/scheduling/day.ts';
import { sameSchedule } from '../../core/sync/replay.ts';
import { withIndexFields, type RehearseDb, type StoredCardState, type StoredReviewLog } from '../db.ts';
import { guarded } from '../errors.ts';
import { flagsKey } from '../registers.ts';
import { logEntryFrom, replayEntry, schedulerSettingsIn } from '../replayCards.ts';
import { applySyncPlan, planDeckSync } from '../syncDecks.ts';
import { ensureDeviceId, noteChanges, syncTables, type ChangedRow } from '../syncLog.ts';

/** What an Anki import did. */
export interface AnkiImportReport {
  decks: number;
  cardsAdded: number;
  /** Cards already stored whose content or progress this import changed. */
  cardsUpdated: number;
  reviewsAdded: number;
  /** Answers of the package the database already held (an earlier import of it). */
  reviewsAlreadyThere: number;
  /** Cards whose replayed FSRS state could be compared with Anki's, and how many agreed. */
  fsrs: { compared: number; matching: number };
}

/** Rows per bulk call: each call is one task, so the page keeps answering input. */
const WRITE_CHUNK = 1000;

/**
 * Writes `decks` (from `ankiPackageToDecks`) with their Anki progress, in one transaction.
 * Suspension and burial come from Anki for a card this import adds; a card already stored keeps
 * what the user set in Rehearse (a package says nothing of when it was suspended, so it cannot
 * be known to be the later word).
 */
export function importAnkiDecks(db: RehearseDb, decks: readonly AnkiRehearseDeck[], now: number): Promise<AnkiImportReport> {
  return guarded(() =>
    db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const cards = decks.flatMap((deck) => deck.cards.map((card) => ({ card, deck })));
      const ids = cards.map(({ card }) => card.id);
      const [cardsBefore, statesBefore] = await Promise.all([db.cards.bulkGet(ids), db.cardStates.bulkGet(ids)]);

      const plan = await planDeckSync(db, decks, now, { origin: 'imported' });
      const carried = new Set(plan.report.carriedOver.map((c) => c.to));
      await applySyncPlan(db, plan, now);

      const settings = await schedulerSettingsIn(db);
      const device = await ensureDeviceId(db);
      const buriedUntil = nextDayStart(now, settings.dayStartHour, db.timeZone);
      // One keyed read per card, all in flight at once (see replayCards).
      const [states, logs] = await Promise.all([
        db.cardStates.bulkGet(ids),
        Promise.all(ids.map((id) => db.reviews.where('cardId').equals(id).toArray())),
      ]);

      const reviewPuts: StoredReviewLog[] = [];
      const statePuts: StoredCardState[] = [];
      const changes: ChangedRow[] = [];
      const replays: AnkiCardReplay[] = [];
      const report: AnkiImportReport = { decks: decks.length, cardsAdded: 0, cardsUpdated: 0, reviewsAdded: 0, reviewsAlreadyThere: 0, fsrs: { compared: 0, matching: 0 } };

      cards.forEach(({ card, deck }, i) => {
        const row = states[i];
        if (!row) return; // every synced card has a state once the plan is applied
        const stored = logs[i]!;
        const live = stored.filter((r) => !r.voided).map(replayEntry);
        const voided = new Set(stored.filter((r) => r.voided).map((r) => r.id));
        const replay = replayAnkiCard(card, deck.anki.collectionCreated, settings, live, voided);
        replays.push(replay);
        const answers = replay.answers;
        report.reviewsAlreadyThere += card.reviews.length - answers.length;
        for (const a of answers) {
          reviewPuts.push({
            id: a.id,
            cardId: card.id,
            deckId: deck.id,
            rating: a.review.rating,
            reviewedAt: a.review.reviewedAt,
            durationMs: Math.max(0, Math.round(a.review.durationMs)),
            stateBefore: a.before,
            stateAfter: a.after,
            // Like a row from another device: no version of this card's state was graded here.
            versionAfter: 0,
            device,
            fsrsLog: a.log,
          });
        }
        const event = replay.stateEvent;
        if (event) {
          reviewPuts.push({
            id: event.id,
            cardId: card.id,
            deckId: deck.id,
            kind: 'reschedule',
            rating: 0,
            reviewedAt: event.at,
            durationMs: 0,
            stateBefore: event.before,
            stateAfter: event.after,
            versionAfter: 0,
            device,
            fsrsLog: logEntryFrom(event.before, 0, event.at),
          });
        }

        const added = !statesBefore[i] && !carried.has(card.id);
        const flags = added
          ? { suspended: replay.suspended, buriedUntil: replay.buried ? buriedUntil : 0 }
          : { suspended: row.suspended, buriedUntil: row.buriedUntil };
        const scheduleMoved = !sameSchedule(replay.schedule, row.schedule) || replay.regraded !== (row.regraded === 1);
        const flagsMoved = flags.suspended !== row.suspended || flags.buriedUntil !== row.buriedUntil;
        if (scheduleMoved || flagsMoved) {
          const { regraded: _r, ...rest } = row;
          statePuts.push(
            withIndexFields({ ...rest, ...flags, schedule: replay.schedule, version: row.version + 1, ...(replay.regraded ? { regraded: 1 as const } : {}) }),
          );
        }
        if (flagsMoved) changes.push({ t: 'register', id: flagsKey(card.id) });

        const before = cardsBefore[i];
        if (added) report.cardsAdded++;
        else if (answers.length > 0 || scheduleMoved || (before && (before.front !== card.front || before.back !== card.back || before.tags.join('\n') !== card.tags.join('\n')))) {
          report.cardsUpdated++;
        }
      });

      for (let i = 0; i < reviewPuts.length; i += WRITE_CHUNK) await db.reviews.bulkAdd(reviewPuts.slice(i, i + WRITE_CHUNK));
      for (let i = 0; i < statePuts.length; i += WRITE_CHUNK) await db.cardStates.bulkPut(statePuts.slice(i, i + WRITE_CHUNK));
      await noteChanges(db, [...reviewPuts.map((r) => ({ t: 'review' as const, id: r.id })), ...changes], now);
      report.reviewsAdded = reviewPuts.filter((r) => r.kind === undefined).length;
      report.fsrs = fsrsAgreement(replays);
      return report;
    }),
  );
}
