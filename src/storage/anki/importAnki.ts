// Anki decks with their progress, written: the decks and cards synced as any imported deck is,
// each Anki answer added to the card's log under an id made from its revlog id (so a re-import
// adds only the answers it does not have), and each card's state the replay of its whole log,
// Anki's answers and Rehearse's in time order (core/anki/replayState.ts). One transaction.

import { fsrsAgreement, replayAnkiCard, type AnkiCardReplay, type AnkiRehearseDeck } from '../../core/anki/index.ts';
import { nextDayStart } from '../../core/scheduling/day.ts';
import { sameSchedule } from '../../core/sync/replay.ts';
import { Dexie, type Table } from 'dexie';
import type { SchedulerSettings } from '../../core/scheduling/settings.ts';
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
export async function importAnkiDecks(
  db: RehearseDb,
  decks: readonly AnkiRehearseDeck[],
  now: number,
  prepared?: PreparedAnkiImport,
): Promise<AnkiImportReport> {
  const cards = decks.flatMap((deck) => deck.cards.map((card) => ({ card, deck })));
  const ids = cards.map(({ card }) => card.id);
  // Inside a caller's transaction nothing may wait for a new task: every card is replayed in it.
  const ready = prepared ?? (Dexie.currentTransaction ? undefined : await prepareAnkiImport(db, decks));
  return guarded(() =>
    db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const [cardsBefore, statesBefore] = await Promise.all([bulkGetInChunks(db.cards, ids), bulkGetInChunks(db.cardStates, ids)]);

      const plan = await planDeckSync(db, decks, now, { origin: 'imported' });
      const carried = new Set(plan.report.carriedOver.map((c) => c.to));
      await applySyncPlan(db, plan, now);

      const settings = await schedulerSettingsIn(db);
      const device = await ensureDeviceId(db);
      const buriedUntil = nextDayStart(now, settings.dayStartHour, db.timeZone);
      const [states, logs] = await Promise.all([bulkGetInChunks(db.cardStates, ids), logsOf(db, ids)]);
      const sameSettings = ready !== undefined && JSON.stringify(settings) === JSON.stringify(ready.settings);

      const reviewPuts: StoredReviewLog[] = [];
      const statePuts: StoredCardState[] = [];
      const changes: ChangedRow[] = [];
      const replays: AnkiCardReplay[] = [];
      const report: AnkiImportReport = { decks: decks.length, cardsAdded: 0, cardsUpdated: 0, reviewsAdded: 0, reviewsAlreadyThere: 0, fsrs: { compared: 0, matching: 0 } };

      cards.forEach(({ card, deck }, i) => {
        const row = states[i];
        if (!row) return; // every synced card has a state once the plan is applied
        const stored = logs[i]!;
        // A log that moved meanwhile (an answer in another tab, a history the plan carried over) is replayed again.
        const replay = sameSettings && ready.ids[i] === card.id && logKey(stored) === ready.keys[i] ? ready.replays[i]! : replayOf(card, deck, settings, stored);
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

/** The replays of an import, worked out before its write transaction (`prepareAnkiImport`). */
export interface PreparedAnkiImport {
  settings: SchedulerSettings;
  ids: string[];
  /** Each card's log as the replay read it (`logKey`). */
  keys: string[];
  replays: AnkiCardReplay[];
}

/**
 * The replays (a ts-fsrs grade per answer: 1.2 s for 100,000 answers) worked out before the write,
 * a chunk of cards per task, from the logs as they are now; the write uses each one whose card's
 * log and settings it finds unchanged, and replays again only the others. Outside any transaction.
 */
export function prepareAnkiImport(db: RehearseDb, decks: readonly AnkiRehearseDeck[]): Promise<PreparedAnkiImport> {
  const cards = decks.flatMap((deck) => deck.cards.map((card) => ({ card, deck })));
  const ids = cards.map(({ card }) => card.id);
  return guarded(async () => {
    const { settings, logs } = await db.transaction('r', [db.reviews, db.settings], async () => ({
      settings: await schedulerSettingsIn(db),
      logs: await logsOf(db, ids),
    }));
    const replays: AnkiCardReplay[] = [];
    let sliceStart = Date.now();
    for (let i = 0; i < cards.length; i++) {
      if (Date.now() - sliceStart >= REPLAY_SLICE_MS) {
        await nextTask();
        sliceStart = Date.now();
      }
      replays.push(replayOf(cards[i]!.card, cards[i]!.deck, settings, logs[i]!));
    }
    return { settings, ids, keys: logs.map(logKey), replays };
  });
}

/** Grading per task before the write, in ms: the page paints between slices. */
const REPLAY_SLICE_MS = 25;
/** Keys per keyed read issued in one task: issuing 20,000 at once held the page for 0.4–0.9 s. */
const READ_CHUNK = 2000;

function replayOf(card: AnkiRehearseDeck['cards'][number], deck: AnkiRehearseDeck, settings: SchedulerSettings, stored: readonly StoredReviewLog[]): AnkiCardReplay {
  const live = stored.filter((r) => !r.voided).map(replayEntry);
  const voided = new Set(stored.filter((r) => r.voided).map((r) => r.id));
  return replayAnkiCard(card, deck.anki.collectionCreated, settings, live, voided);
}

/** What a replay depends on in a card's log: its rows and which are voided. */
function logKey(stored: readonly StoredReviewLog[]): string {
  return stored.map((r) => (r.voided ? `${r.id}!` : r.id)).join(' ');
}

/** Each card's log, by keyed reads (see replayCards), a chunk of cards at a time. */
async function logsOf(db: RehearseDb, ids: readonly string[]): Promise<StoredReviewLog[][]> {
  const logs: StoredReviewLog[][] = [];
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    const chunk = await Promise.all(ids.slice(i, i + READ_CHUNK).map((id) => db.reviews.where('cardId').equals(id).toArray()));
    for (const log of chunk) logs.push(log);
  }
  return logs;
}

async function bulkGetInChunks<T>(table: Table<T, string>, ids: readonly string[]): Promise<Array<T | undefined>> {
  const rows: Array<T | undefined> = [];
  for (let i = 0; i < ids.length; i += READ_CHUNK) for (const row of await table.bulkGet(ids.slice(i, i + READ_CHUNK))) rows.push(row);
  return rows;
}

/** A new task, so the page paints and answers input between chunks of work outside a transaction. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
