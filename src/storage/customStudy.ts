// The queue of a custom study session (core/study/customSession.ts): reads the rows the spec
// needs (every card state of its decks, today's answers, the browser's search) and hands them to
// the pure builder.

import { nextDayStart, startOfStudyDay } from '../core/scheduling/day.ts';
import { Rating } from '../core/scheduling/fsrs.ts';
import { deckLeft, type QueueState } from '../core/scheduling/queue.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import { customQueueIds, type CustomQueueContext, type CustomSpec } from '../core/study/customSession.ts';
import { DEFAULT_BROWSE_QUERY, loadBrowseIndex, searchCards, type BrowseQuery } from './browse.ts';
import type { RehearseDb, StoredCard } from './db.ts';
import { guarded } from './errors.ts';
import { dayProgress, toQueueCard } from './queries.ts';
import { isLiveAnswer } from './replayCards.ts';
import { loadSettings } from './settings.ts';

/** The browser's query a search spec stands for. */
export function browseQueryOf(spec: CustomSpec): BrowseQuery {
  const s = spec.search;
  return {
    ...DEFAULT_BROWSE_QUERY,
    deckId: spec.deckId,
    ...(s ? { text: s.text, tag: s.tag, state: s.state as BrowseQuery['state'], due: s.due as BrowseQuery['due'], sort: s.sort as BrowseQuery['sort'], descending: s.descending } : {}),
  };
}

/** The session's cards in order, with their queue view and the settings, read in one transaction. */
function sessionCards(db: RehearseDb, spec: CustomSpec, now: number) {
  return guarded(async () => {
    const matching =
      spec.kind === 'search'
        ? searchCards(await loadBrowseIndex(db), browseQueryOf(spec), { now, dayStartHour: (await loadSettings(db)).dayStartHour, ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}) }).map((e) => e.id)
        : undefined;
    return db.transaction('r', [db.settings, db.decks, db.cardStates, db.reviews], async () => {
      const [settings, decks] = await Promise.all([loadSettings(db), db.decks.toArray()]);
      const deckOrder = new Map(decks.filter((d) => !d.hidden).map((d) => [d.id, d.order]));
      const rows = spec.deckId === 'all' ? await db.cardStates.toArray() : await db.cardStates.where('deckId').equals(spec.deckId).toArray();
      const cards = rows.filter((r) => deckOrder.has(r.deckId)).map((r) => toQueueCard(r, deckOrder));
      const context: CustomQueueContext = { now, dayStartHour: settings.dayStartHour, ...(db.timeZone !== undefined ? { timeZone: db.timeZone } : {}) };
      if (matching) context.matching = matching;
      if (spec.kind === 'forgotten') {
        const since = startOfStudyDay(now, settings.dayStartHour, db.timeZone);
        const today = await db.reviews.where('reviewedAt').aboveOrEqual(since).sortBy('reviewedAt');
        context.forgottenToday = today.filter((r) => isLiveAnswer(r) && r.rating === Rating.Again).map((r) => r.cardId);
      }
      if (spec.kind === 'new') {
        const progress = await dayProgress(db, now, settings);
        context.newLeftToday = (deckId) => deckLeft(settings, progress, deckId).new;
      }
      return { ids: customQueueIds(cards, spec, context), byId: new Map(cards.map((c) => [c.cardId, c])), settings };
    });
  });
}

/** How many cards the session would show now (the custom-study sheet says it before it starts). */
export async function customStudyCount(db: RehearseDb, spec: CustomSpec, now: number): Promise<number> {
  return (await sessionCards(db, spec, now)).ids.length;
}

/**
 * The session's queue (every card in the main list, in the builder's order) with the content of
 * its cards and the scheduler settings. `order`, when given (a reload of a session under way),
 * keeps only those ids, in that order: the cards already done stay done.
 */
export async function customStudyQueue(
  db: RehearseDb,
  spec: CustomSpec,
  now: number,
  order?: readonly string[],
): Promise<{ queue: QueueState; cards: Record<string, StoredCard>; settings: SchedulerSettings }> {
  const { ids: built, byId, settings } = await sessionCards(db, spec, now);
  let ids = built;
  if (order) {
    const inSession = new Set(ids);
    ids = order.filter((id) => inSession.has(id));
  }
  const main = ids.map((id) => {
    const c = byId.get(id)!;
    return { cardId: c.cardId, deckId: c.deckId, schedule: c.schedule, version: c.version, position: c.position, ...(c.deckOrder !== undefined ? { deckOrder: c.deckOrder } : {}) };
  });
  const content: Record<string, StoredCard> = {};
  for (const c of await guarded(() => db.cards.bulkGet(ids))) if (c) content[c.id] = c;
  const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
  return { queue: { learning: [], main, dayEnd, learnAheadMs: settings.learnAheadMinutes * 60_000 }, cards: content, settings };
}
