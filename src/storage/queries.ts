// Reads for the deck list and the review screen. Counts never use IndexedDB's count() per deck
// (about 300 ms for 20 decks on 100k cards): one range over the `dueAt` index returns every card
// seen before that is due today, and at most the day's remaining new cards are read per deck.

import { Dexie } from 'dexie';
import { nextDayStart, startOfStudyDay } from '../core/scheduling/day.ts';
import {
  buildDailyQueue,
  dayProgressFromAnswers,
  deckCountsFromCards,
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

function toQueueCard(row: StoredCardState, deckOrder: Map<string, number>): QueueCard {
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
  return dayProgressFromAnswers(await db.reviewLogs.where('reviewedAt').aboveOrEqual(since).toArray());
}

async function newCandidates(db: RehearseDb, deckId: string, now: number, limit: number): Promise<StoredCardState[]> {
  if (limit <= 0) return [];
  const range = () => db.cardStates.where('[deckId+newRank]').between([deckId, Dexie.minKey], [deckId, Dexie.maxKey]);
  // A filter makes Dexie walk a cursor, one round trip per row; one getAll does when none of the
  // first `limit` new cards is buried, which is nearly always.
  const first = await range().limit(limit).toArray();
  if (!first.some((r) => r.buriedUntil > now)) return first;
  return range()
    .filter((r) => !(r.buriedUntil > now))
    .limit(limit)
    .toArray();
}

interface Candidates {
  settings: SchedulerSettings;
  progress: DayProgress;
  decks: StoredDeck[];
  cards: QueueCard[];
}

async function readCandidates(db: RehearseDb, scope: QueueScope, now: number): Promise<Candidates> {
  return db.transaction('r', [db.decks, db.cardStates, db.reviewLogs, db.settings], async () => {
    const settings = await loadSettings(db);
    const progress = await dayProgress(db, now, settings);
    const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
    const decks = (await db.decks.toArray()).filter((d) => !d.hidden && (scope === 'all' || d.id === scope));
    const deckOrder = new Map(decks.map((d) => [d.id, d.order]));
    // Every read at once: IndexedDB pipelines the requests of one transaction.
    const [seen, fresh] = await Promise.all([
      scope === 'all'
        ? db.cardStates.where('dueAt').below(dayEnd).toArray()
        : db.cardStates
            .where('[deckId+dueAt]')
            .between([scope, Dexie.minKey], [scope, dayEnd], true, false)
            .toArray(),
      Promise.all(
        decks.map((deck) => newCandidates(db, deck.id, now, settings.newCardsPerDay - (progress.byDeck[deck.id]?.newDone ?? 0))),
      ),
    ]);
    const rows = seen.filter((r) => deckOrder.has(r.deckId));
    for (const cards of fresh) rows.push(...cards);
    return { settings, progress, decks, cards: rows.map((r) => toQueueCard(r, deckOrder)) };
  });
}

/** Counts for the deck list: new (capped by today's limit) / learning / due, per deck and in total. */
export function deckCounts(db: RehearseDb, now: number): Promise<{ byDeck: Record<string, DeckCounts>; total: DeckCounts }> {
  return guarded(async () => {
    const { settings, progress, decks, cards } = await readCandidates(db, 'all', now);
    const counts = deckCountsFromCards(cards, { now, settings, progress, ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}) });
    for (const d of decks) counts.byDeck[d.id] ??= { new: 0, learning: 0, due: 0 };
    return counts;
  });
}

/** Today's queue for one deck or all decks, with the content of every card in it. */
export function studyQueue(
  db: RehearseDb,
  scope: QueueScope,
  now: number,
): Promise<{ queue: QueueState; cards: Record<string, StoredCard>; settings: SchedulerSettings }> {
  return guarded(async () => {
    const { settings, progress, cards } = await readCandidates(db, scope, now);
    const queue = buildDailyQueue(cards, {
      now,
      settings,
      progress,
      scope,
      ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}),
    });
    const ids = [...queue.learning, ...queue.main].map((i) => i.cardId);
    const content: Record<string, StoredCard> = {};
    for (const c of await db.cards.bulkGet(ids)) if (c) content[c.id] = c;
    return { queue, cards: content, settings };
  });
}

/** Every answer given to a card, oldest first (follows the card through question edits). */
export function reviewLogFor(db: RehearseDb, cardId: string): Promise<StoredReviewLog[]> {
  return guarded(() => db.reviewLogs.where('cardId').equals(cardId).sortBy('reviewedAt'));
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
