// Reads for the deck list and the review screen. Neither reads every card due today: learning
// cards (few, never capped) come from their own index; reviews are read in due order only up to
// the day's remaining cap; the deck list counts index keys, never reading a row it does not need.
// Buried cards sit in those ranges too, so the few buried right now are read first and skipped.
// Reads that do not wait on one another are made at once: IndexedDB pipelines the requests of
// one transaction, so a read costs about one round trip however many go together. Today's
// answers and the cards due today are read from the statistics summaries (kept in each write's
// transaction) whenever those are cut by the same study days.

import { Dexie, liveQuery, type Collection, type Table } from 'dexie';
import { State } from '../core/scheduling/fsrs.ts';
import { nextDayStart, startOfStudyDay, studyDayOf } from '../core/scheduling/day.ts';
import { ALL_DECKS } from '../core/stats/summaries.ts';
import {
  buildDailyQueue,
  capDeckCounts,
  dayProgressFromAnswers,
  deckLeft,
  overallLeft,
  type DayProgress,
  type DeckCounts,
  type QueueCard,
  type QueueScope,
  type QueueState,
} from '../core/scheduling/queue.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import type { RehearseDb, StoredCard, StoredCardState, StoredDeck, StoredReviewLog } from './db.ts';
import { guarded } from './errors.ts';
import { loadSettings } from './settings.ts';
import { isLiveAnswer } from './replayCards.ts';
import { SUMMARY_BASIS_KEY } from './summaries/basis.ts';
import { interviewQueueInputs, type InterviewQueueInputs } from './interviewPlans.ts';

type StateRows = Collection<StoredCardState, string>;

/** A card state as the queue builders see it. */
export function toQueueCard(row: StoredCardState, deckOrder: Map<string, number>): QueueCard {
  const card: QueueCard = {
    cardId: row.cardId,
    deckId: row.deckId,
    schedule: row.schedule,
    version: row.version,
    position: row.position,
    suspended: row.suspended,
    buriedUntil: row.buriedUntil,
    hidden: row.hidden,
  };
  const order = deckOrder.get(row.deckId);
  if (order !== undefined) card.deckOrder = order;
  return card;
}

/** New cards introduced and reviews done today, per deck, from today's review-log rows. */
export async function dayProgress(db: RehearseDb, now: number, settings: SchedulerSettings): Promise<DayProgress> {
  const since = startOfStudyDay(now, settings.dayStartHour, db.timeZone);
  // One getAll, filtered here: a Dexie filter would walk a cursor, one round trip per row.
  const today = await db.reviews.where('reviewedAt').aboveOrEqual(since).toArray();
  return dayProgressFromAnswers(today.filter(isLiveAnswer));
}

/**
 * Whether the statistics summaries (summaries/middleware.ts, kept in every write's transaction)
 * are cut by the study days these reads use: the same day start and zone, and not stale.
 */
async function summariesCurrent(db: RehearseDb, settings: SchedulerSettings): Promise<boolean> {
  const meta = await db.summaryMeta.get(SUMMARY_BASIS_KEY);
  return !!meta && !meta.stale && meta.dayStartHour === settings.dayStartHour && meta.zone === db.timeZoneId();
}

/** A deck's summary rows (`daySummaries`, `dueDays`) from study day `from` to `to`, both included. */
function dayRows<T>(table: Table<T, [string, number]>, deckId: string, from: number, to: number): Promise<T[]> {
  return table.where(':id').between([deckId, from], [deckId, to], true, true).toArray();
}

/**
 * Today's progress of `decks` and of all decks together, from today's answer summaries: a few
 * small rows instead of today's answers whole. Summaries count live answers by the card's state
 * before them (`fromNew`, `fromReview`), as `dayProgressFromAnswers` does; answers stamped after
 * today (another device's clock) count too, as in the log read.
 */
async function dayProgressFromSummaries(db: RehearseDb, now: number, settings: SchedulerSettings, decks: readonly StoredDeck[]): Promise<DayProgress> {
  const day = studyDayOf(now, settings.dayStartHour, db.timeZone);
  const ids = [ALL_DECKS, ...decks.map((d) => d.id)];
  const rows = await Promise.all(ids.map((id) => dayRows(db.daySummaries, id, day, Infinity)));
  const progress: DayProgress = { total: { newDone: 0, reviewsDone: 0 }, byDeck: {} };
  ids.forEach((id, i) => {
    if (!rows[i]!.length) return;
    const done = { newDone: 0, reviewsDone: 0 };
    for (const r of rows[i]!) {
      done.newDone += r.fromNew;
      done.reviewsDone += r.fromReview;
    }
    if (id === ALL_DECKS) progress.total = done;
    else progress.byDeck[id] = done;
  });
  return progress;
}

/** Today's progress from the summaries when they are current, else from today's answers. */
async function progressOf(db: RehearseDb, now: number, settings: SchedulerSettings, decks: readonly StoredDeck[], current: boolean): Promise<DayProgress> {
  return current ? dayProgressFromSummaries(db, now, settings, decks) : dayProgress(db, now, settings);
}

/** A deck's active new cards, in deck order. */
function newRange(db: RehearseDb, deckId: string): StateRows {
  return db.cardStates.where('[deckId+newRank]').between([deckId, Dexie.minKey], [deckId, Dexie.maxKey]);
}

/** Active (re)learning cards due before `dayEnd`, of one deck or (undefined) all decks. */
function learningRange(db: RehearseDb, deckId: string | undefined, dayEnd: number): StateRows {
  return deckId === undefined
    ? db.cardStates.where('learnDue').below(dayEnd)
    : db.cardStates.where('[deckId+learnDue]').between([deckId, Dexie.minKey], [deckId, dayEnd], true, false);
}

/** Active review cards due before `dayEnd` (and, given `after`, due after it), in due order then card id. */
function reviewRange(db: RehearseDb, deckId: string | undefined, dayEnd: number, after?: number): StateRows {
  if (deckId === undefined) {
    return after === undefined
      ? db.cardStates.where('reviewDue').below(dayEnd)
      : db.cardStates.where('reviewDue').between(after, dayEnd, false, false);
  }
  return db.cardStates
    .where('[deckId+reviewDue]')
    .between([deckId, after ?? Dexie.minKey], [deckId, dayEnd], after === undefined, false);
}

/** Active review cards due exactly at `due`, in card id order. */
function reviewsDueAt(db: RehearseDb, deckId: string | undefined, due: number): StateRows {
  return deckId === undefined
    ? db.cardStates.where('reviewDue').equals(due)
    : db.cardStates.where('[deckId+reviewDue]').equals([deckId, due]);
}

/**
 * Hands `take` the review rows due before `dayEnd` in the queue's order (due, then card id: the
 * index's own order), a page at a time, while `wanted()` is above 0. A page holds as many rows as
 * are still wanted, so the usual day costs one read; rows `take` skips (buried, deck at its cap)
 * cost a further page.
 */
async function walkDueReviews(
  db: RehearseDb,
  deckId: string | undefined,
  dayEnd: number,
  wanted: () => number,
  take: (row: StoredCardState) => void,
): Promise<void> {
  let after: number | undefined;
  let pageSize = wanted();
  while (pageSize > 0) {
    const page = await reviewRange(db, deckId, dayEnd, after).limit(pageSize).toArray();
    for (const row of page) {
      if (wanted() <= 0) return;
      take(row);
    }
    if (page.length < pageSize || wanted() <= 0) return;
    // The next page starts above the last row's due time; rows due at that very time but after
    // it by card id are read here (IndexedDB cannot start a range after a given primary key).
    const last = page[page.length - 1]!;
    for (const row of await reviewsDueAt(db, deckId, last.reviewDue!).toArray()) {
      if (row.cardId <= last.cardId) continue;
      if (wanted() <= 0) return;
      take(row);
    }
    after = last.reviewDue!;
    pageSize = wanted() > 0 ? Math.max(wanted(), 100) : 0;
  }
}

async function newCandidates(db: RehearseDb, deckId: string, now: number, limit: number): Promise<StoredCardState[]> {
  if (limit <= 0) return [];
  // A filter makes Dexie walk a cursor, one round trip per row; one getAll does when none of the
  // first `limit` new cards is buried, which is nearly always.
  const first = await newRange(db, deckId).limit(limit).toArray();
  if (!first.some((r) => r.buriedUntil > now)) return first;
  return newRange(db, deckId)
    .filter((r) => !(r.buriedUntil > now))
    .limit(limit)
    .toArray();
}

/**
 * The new cards of the day for all decks. Gathered by deck, only the first `overall` in deck-list
 * order can make the queue, so each deck's first keys are read, those ids chosen in deck order,
 * and only their rows read; gathered at random, each deck's first `overall` (at most its own
 * limit) can. Should one of them be buried, every deck's first non-buried rows are read instead.
 */
async function newCandidatesAll(
  db: RehearseDb,
  decks: readonly StoredDeck[],
  now: number,
  deckLeft: (deckId: string) => number,
  overall: number,
  order: SchedulerSettings['newCardGatherOrder'],
): Promise<StoredCardState[]> {
  if (overall <= 0) return [];
  const ordered = [...decks].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const keys = await Promise.all(
    ordered.map((d) => {
      const limit = Math.min(deckLeft(d.id), overall);
      return limit > 0 ? newRange(db, d.id).limit(limit).primaryKeys() : [];
    }),
  );
  const chosen = order === 'deck' ? keys.flat().slice(0, overall) : keys.flat();
  const rows = (await db.cardStates.bulkGet(chosen)).filter((r) => r !== undefined);
  if (rows.length === chosen.length && !rows.some((r) => r.buriedUntil > now)) return rows;
  const perDeck = await Promise.all(decks.map((d) => newCandidates(db, d.id, now, deckLeft(d.id))));
  return perDeck.flat();
}

/**
 * The rows today's queue is built from: learning cards due today, the first reviews in due order
 * up to each deck's and the overall remaining cap, and each deck's first new cards up to its
 * remaining cap (and, gathered by deck, only the first of the overall cap). `buildDailyQueue`
 * gives the same queue from these as from every card. Learning and review rows are handed to
 * `early` as they arrive (they all make the queue), so their content can be read meanwhile.
 */
async function readCandidates(
  db: RehearseDb,
  scope: QueueScope,
  now: number,
  early: (rows: readonly StoredCardState[]) => void,
): Promise<{ settings: SchedulerSettings; progress: DayProgress; cards: QueueCard[]; dated: InterviewQueueInputs }> {
  const [settings, allDecks] = await Promise.all([loadSettings(db), db.decks.toArray()]);
  const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
  const decks = allDecks.filter((d) => !d.hidden && (scope === 'all' || d.id === scope));
  const deckOrder = new Map(decks.map((d) => [d.id, d.order]));
  const deckId = scope === 'all' ? undefined : scope;
  const active = (r: StoredCardState) => deckOrder.has(r.deckId) && !(r.buriedUntil > now);
  // Learning cards are never capped: they need not wait for today's answers.
  const [progress, learningRows] = await Promise.all([
    summariesCurrent(db, settings).then((current) => progressOf(db, now, settings, decks, current)),
    decks.length ? learningRange(db, deckId, dayEnd).toArray() : [],
  ]);
  const learning = learningRows.filter(active);
  early(learning);
  // Decks with an interview ahead: their plan's new cards today, and the day before, cards below target.
  const dated = await interviewQueueInputs(db, decks, now, settings, progress);
  const reviewsLeft = new Map(decks.map((d) => [d.id, deckLeft(settings, progress, d.id).reviews]));
  let decksLeft = 0;
  for (const n of reviewsLeft.values()) decksLeft += n;
  // Rows still wanted: none once every deck in scope is at its cap (rows of hidden decks are skipped).
  const all = overallLeft(settings, progress);
  let overall = Math.min(decksLeft, all.reviews);
  const newLeft = (id: string) => deckLeft(settings, progress, id, dated.newCardsToday).new;
  const reviews: StoredCardState[] = [];
  // Every read at once: IndexedDB pipelines the requests of one transaction.
  const [fresh] = await Promise.all([
    deckId === undefined
      ? newCandidatesAll(db, decks, now, newLeft, all.new, settings.newCardGatherOrder)
      : newCandidates(db, deckId, now, decks.length ? newLeft(deckId) : 0),
    walkDueReviews(
      db,
      deckId,
      dayEnd,
      () => overall,
      (row) => {
        const deckLeft = reviewsLeft.get(row.deckId) ?? 0;
        if (!active(row) || deckLeft <= 0) return;
        reviewsLeft.set(row.deckId, deckLeft - 1);
        decksLeft--;
        overall = Math.min(overall - 1, decksLeft);
        reviews.push(row);
      },
    ).then(() => early(reviews)),
  ]);
  const rows = [...learning, ...reviews, ...fresh, ...dated.pulledForward];
  return { settings, progress, cards: rows.map((r) => toQueueCard(r, deckOrder)), dated };
}

/** Cards of one deck in the key ranges the deck list counts, buried right now. */
interface BuriedCounts {
  new: number;
  learning: number;
  due: number;
}

/** The buried cards among those the deck list counts, by deck (learning and reviews: due before `dayEnd`). */
function buriedByDeck(rows: readonly StoredCardState[], dayEnd: number): Map<string, BuriedCounts> {
  const buried = new Map<string, BuriedCounts>();
  for (const r of rows) {
    const s = r.schedule;
    if (s.state !== State.New && s.due >= dayEnd) continue;
    let b = buried.get(r.deckId);
    if (!b) buried.set(r.deckId, (b = { new: 0, learning: 0, due: 0 }));
    if (s.state === State.New) b.new++;
    else if (s.state === State.Review) b.due++;
    else b.learning++;
  }
  return buried;
}

/**
 * The deck list's counts of `decks` (the visible ones), inside a read transaction. Two rounds of
 * reads: the buried cards and the summaries' basis; then, together, today's progress and, per
 * deck, the learning and review cards due today and the first new keys up to the deck's limit
 * (the limit, not what is left of it today, so these need not wait for today's progress:
 * `capDeckCounts` then takes off what was done today). Due cards come from the due-day summaries
 * when they are cut by today's day start and zone (a few rows per deck), else from count() on
 * the indexes. Buried cards are in what is counted: they are taken off.
 */
async function countDecks(
  db: RehearseDb,
  now: number,
  settings: SchedulerSettings,
  decks: readonly StoredDeck[],
): Promise<{ byDeck: Record<string, DeckCounts>; total: DeckCounts }> {
  const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
  const newCap = Math.min(settings.newCardsPerDay, settings.newCardsPerDayAllDecks);
  const [buriedRows, current] = await Promise.all([db.cardStates.where('buried').above(now).toArray(), summariesCurrent(db, settings)]);
  const buried = buriedByDeck(buriedRows, dayEnd);
  const today = studyDayOf(now, settings.dayStartHour, db.timeZone);
  const keysUpTo = async (rows: StateRows, cap: number, skip: number) =>
    cap > 0 ? (await rows.limit(cap + skip).primaryKeys()).length - skip : 0;
  // Learning and review cards due today: from the due-day summaries (a row per deck and day due,
  // today's and the overdue days'), or, when those are cut by other days, counted on the indexes.
  const dueCounts = async (deckId: string): Promise<[learning: number, due: number]> => {
    if (!current) return Promise.all([learningRange(db, deckId, dayEnd).count(), reviewRange(db, deckId, dayEnd).count()]);
    let learning = 0;
    let due = 0;
    for (const r of await dayRows(db.dueDays, deckId, -Infinity, today)) {
      learning += r.learning;
      due += r.review;
    }
    return [learning, due];
  };
  const [[progress, dated], raw] = await Promise.all([
    progressOf(db, now, settings, decks, current).then(async (p) => [p, await interviewQueueInputs(db, decks, now, settings, p)] as const),
    Promise.all(
      decks.map(async (d): Promise<[string, DeckCounts]> => {
        const b = buried.get(d.id) ?? { new: 0, learning: 0, due: 0 };
        const [[learning, due], fresh] = await Promise.all([dueCounts(d.id), keysUpTo(newRange(db, d.id), newCap, b.new)]);
        return [d.id, { new: fresh, learning: learning - b.learning, due: due - b.due }];
      }),
    ),
  ]);
  for (const r of dated.pulledForward) {
    const counts = raw.find(([id]) => id === r.deckId);
    if (counts) counts[1].due++;
  }
  return capDeckCounts(raw, { settings, progress, newCardsToday: dated.newCardsToday });
}

const COUNT_TABLES = (db: RehearseDb) => [db.decks, db.cardStates, db.reviews, db.settings, db.daySummaries, db.dueDays, db.summaryMeta];

/**
 * Counts for the deck list: new (capped by today's limit) / learning / due, per deck and in total.
 * Per deck it reads a few summary rows (or counts index keys), and at most the day's limit of new keys.
 */
export function deckCounts(db: RehearseDb, now: number): Promise<{ byDeck: Record<string, DeckCounts>; total: DeckCounts }> {
  return guarded(() =>
    db.transaction('r', COUNT_TABLES(db), async () => {
      const [settings, allDecks] = await Promise.all([loadSettings(db), db.decks.toArray()]);
      return countDecks(db, now, settings, allDecks.filter((d) => !d.hidden));
    }),
  );
}

/**
 * Cards whose content the review screen's first read brings: the first card and the next few are
 * on screen before the rest of the day's content (up to hundreds of cards) is read after it.
 */
export const FIRST_QUEUE_CONTENT = 8;

/** What `studyQueue` reads besides the queue: the content of its first `contentFor` cards (all by default). */
export interface StudyQueueOptions {
  contentFor?: number;
}

/**
 * Today's queue for one deck or all decks, with the content of its first `contentFor` cards in
 * about the order they are shown (`queueCardIds`): the review screen asks for a few, paints the
 * first card, and reads the rest with `queueContent`.
 */
export function studyQueue(
  db: RehearseDb,
  scope: QueueScope,
  now: number,
  options: StudyQueueOptions = {},
): Promise<{ queue: QueueState; cards: Record<string, StoredCard>; settings: SchedulerSettings }> {
  const contentFor = options.contentFor ?? Infinity;
  // One transaction for states and content: a sync, deck deletion or restore in another tab
  // waits for it, so no card whose content is handed back can lose it between the two reads.
  return guarded(() =>
    db.transaction('r', [...COUNT_TABLES(db), db.cards], async () => {
      // With every card's content wanted, it is read while the rest of the queue is: learning and
      // review rows all make the queue. With a few wanted, after the queue is known.
      const reads: Array<Promise<Array<StoredCard | undefined>>> = [];
      const early = (rows: readonly StoredCardState[]) =>
        contentFor === Infinity && rows.length && reads.push(db.cards.bulkGet(rows.map((r) => r.cardId)));
      const { settings, progress, cards, dated } = await readCandidates(db, scope, now, early);
      const queue = buildDailyQueue(cards, {
        now,
        settings,
        progress,
        scope,
        newCardsToday: dated.newCardsToday,
        interviews: dated.interviews,
        ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}),
      });
      const read = new Map<string, StoredCard>();
      for (const found of await Promise.all(reads)) for (const c of found) if (c) read.set(c.id, c);
      const ids = queueCardIds(queue, now).slice(0, contentFor);
      const rest = ids.filter((id) => !read.has(id));
      if (rest.length) for (const c of await db.cards.bulkGet(rest)) if (c) read.set(c.id, c);
      const content: Record<string, StoredCard> = {};
      for (const id of ids) {
        const c = read.get(id);
        if (c) content[id] = c;
      }
      return { queue, cards: content, settings };
    }),
  );
}

/** The queue's card ids in about the order they are shown: learning cards due at `now`, the main queue, later learning cards. */
export function queueCardIds(queue: QueueState, now: number): string[] {
  const due = queue.learning.filter((i) => i.schedule.due <= now);
  const later = queue.learning.filter((i) => i.schedule.due > now);
  return [...due, ...queue.main, ...later].map((i) => i.cardId);
}

/** The content of `ids` (a queue's later cards), by id; a card removed meanwhile is left out. */
export function queueContent(db: RehearseDb, ids: readonly string[]): Promise<Record<string, StoredCard>> {
  return guarded(async () => {
    const content: Record<string, StoredCard> = {};
    for (const c of await db.cards.bulkGet([...ids])) if (c) content[c.id] = c;
    return content;
  });
}

/** Every answer given to a card, oldest first (follows the card through question edits). */
export function reviewLogFor(db: RehearseDb, cardId: string): Promise<StoredReviewLog[]> {
  return guarded(async () => (await db.reviews.where('cardId').equals(cardId).sortBy('reviewedAt')).filter(isLiveAnswer));
}

/** The decks shown in the deck list, in order. */
export function listDecks(db: RehearseDb): Promise<StoredDeck[]> {
  return guarded(async () => (await db.decks.toArray()).filter((d) => !d.hidden).sort((a, b) => a.order - b.order));
}

/** A card's content and scheduling state. */
export function cardWithState(
  db: RehearseDb,
  cardId: string,
): Promise<{ card: StoredCard | undefined; state: StoredCardState | undefined }> {
  return guarded(() =>
    db.transaction('r', [db.cards, db.cardStates], async () => ({
      card: await db.cards.get(cardId),
      state: await db.cardStates.get(cardId),
    })),
  );
}

/** When the next card of `scope` falls due after `now` (epoch ms), or undefined when none is scheduled. */
export function nextDueAfter(db: RehearseDb, scope: QueueScope, now: number): Promise<number | undefined> {
  return guarded(async () => {
    const row =
      scope === 'all'
        ? await db.cardStates.where('dueAt').above(now).first()
        : await db.cardStates.where('[deckId+dueAt]').between([scope, now], [scope, Dexie.maxKey], false, true).first();
    return row?.dueAt;
  });
}

/** What the deck list shows: the visible decks in order, the ones the user hid, and today's counts. */
export interface DeckListData {
  decks: StoredDeck[];
  hidden: StoredDeck[];
  byDeck: Record<string, DeckCounts>;
  total: DeckCounts;
}

/** The deck list's data at `now`, read in one transaction (the decks read once). */
export function deckListData(db: RehearseDb, now: number): Promise<DeckListData> {
  return guarded(() =>
    db.transaction('r', COUNT_TABLES(db), async () => {
      const [settings, allDecks] = await Promise.all([loadSettings(db), db.decks.toArray()]);
      const inOrder = allDecks.sort((a, b) => a.order - b.order);
      const decks = inOrder.filter((d) => !d.hidden);
      const counts = await countDecks(db, now, settings, decks);
      return { decks, hidden: inOrder.filter((d) => d.userHidden), byDeck: counts.byDeck, total: counts.total };
    }),
  );
}

/**
 * Calls `onData` with the deck list's data now and again whenever what it reads changes: a
 * grade, an import, a restore, in this tab or in another one (Dexie's `liveQuery` hears the
 * other tabs' writes). Returns the function that stops watching.
 */
export function watchDeckList(
  db: RehearseDb,
  onData: (data: DeckListData) => void,
  onError: (error: unknown) => void,
  clock: () => number = Date.now,
): () => void {
  const subscription = liveQuery(() => deckListData(db, clock())).subscribe({ next: onData, error: onError });
  return () => subscription.unsubscribe();
}
