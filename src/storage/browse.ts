// The card browser's data, read from the persisted search index (search/): one row per deck of
// counts and tags, and shards of normalized text and state fields, kept exact by a middleware in
// every write's own transaction. The first page of the plain listing is read from the first shards
// in deck order, with no full read; a search loads every shard once (a few hundred rows; the
// browser does it in a Worker) and runs over plain arrays.

import { nextDayStart, startOfStudyDay } from '../core/scheduling/day.ts';
import { schedulerFor, scheduleToFsrsCard, State, type ScheduleState } from '../core/scheduling/fsrs.ts';
import type { QueueState } from '../core/scheduling/queue.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import type { RehearseDb, StoredCard, StoredCardState, StoredDeck, StoredReviewLog } from './db.ts';
import { guarded, StorageError, storageErrorMessage } from './errors.ts';
import { loadSettings } from './settings.ts';
import { isLiveAnswer } from './replayCards.ts';
import { buildSearchRows, decodeShard, type IndexedCard, type StoredSearchDeck, type StoredSearchShard } from './search/shard.ts';
import { parseSearchText } from './search/text.ts';

export { normalizeSearchText, parseSearchText } from './search/text.ts';
export type { IndexedCard } from './search/shard.ts';

/** One card as the browser lists it: the index's fields and the card's own text. */
export interface BrowseEntry extends IndexedCard {
  front: string;
  back: string;
}

/** A deck as the browser lists it. */
export interface BrowseDeck {
  id: string;
  title: string;
  hidden: boolean;
}

/** What the browser's filters offer, read from the small rows of the index (no shard). */
export interface BrowseOutline {
  /** Decks in list order (hidden ones too: their cards are still there). */
  decks: BrowseDeck[];
  /** Every tag in use, sorted. */
  tags: string[];
  /** Cards still in their notes, every deck. */
  live: number;
  /** The same per deck. */
  liveByDeck: Record<string, number>;
}

/** Everything the browser searches, built by `loadBrowseIndex`. */
export interface BrowseIndex {
  /** In deck order, then position. */
  entries: IndexedCard[];
  decks: BrowseDeck[];
  /** Every tag in use, sorted. */
  tags: string[];
}

export type StateFilter = 'any' | 'new' | 'learning' | 'review' | 'suspended' | 'buried' | 'edited' | 'removed';
export type DueFilter = 'any' | 'overdue' | 'today' | 'week' | 'month' | 'later';
export type BrowseSort = 'deck' | 'due' | 'lapses' | 'reps' | 'stability' | 'difficulty' | 'question' | 'lastReview';

/** A search with its filters. `text` holds words (all must occur) and "quoted phrases"; `-word` excludes. */
export interface BrowseQuery {
  text: string;
  deckId: string;
  tag: string;
  state: StateFilter;
  due: DueFilter;
  sort: BrowseSort;
  descending: boolean;
}

export const DEFAULT_BROWSE_QUERY: Readonly<BrowseQuery> = Object.freeze({
  text: '',
  deckId: 'all',
  tag: '',
  state: 'any',
  due: 'any',
  sort: 'deck',
  descending: false,
});

function deckList(decks: readonly StoredDeck[]): BrowseDeck[] {
  return [...decks].sort((a, b) => a.order - b.order).map((d) => ({ id: d.id, title: d.userTitle ?? d.title, hidden: d.hidden }));
}

function tagList(decks: readonly StoredSearchDeck[]): string[] {
  const tags = new Set<string>();
  for (const d of decks) for (const t of Object.keys(d.tags)) tags.add(t);
  return [...tags].sort((a, b) => a.localeCompare(b));
}

/** Index entries in deck order (decks absent from `decks` last, by id), then position. */
function inDeckOrder(entries: IndexedCard[], decks: readonly BrowseDeck[]): IndexedCard[] {
  const order = new Map(decks.map((d, i) => [d.id, i]));
  const rank = (id: string) => order.get(id) ?? 1e9;
  return entries.sort((a, b) => rank(a.deckId) - rank(b.deckId) || (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0) || a.position - b.position || (a.id < b.id ? -1 : 1));
}

/** Builds the index from rows (pure; `loadBrowseIndex` reads the persisted one). */
export function buildBrowseIndex(cards: readonly StoredCard[], states: readonly StoredCardState[], decks: readonly StoredDeck[]): BrowseIndex {
  const rows = buildSearchRows(cards, states);
  return indexOfRows(rows.shards, rows.decks, decks);
}

function indexOfRows(shards: readonly StoredSearchShard[], totals: readonly StoredSearchDeck[], decks: readonly StoredDeck[]): BrowseIndex {
  const list = deckList(decks);
  return { entries: inDeckOrder(shards.flatMap(decodeShard), list), decks: list, tags: tagList(totals) };
}

/** The persisted index, every shard, read in one transaction (a few hundred rows however many cards). */
export function loadBrowseIndex(db: RehearseDb): Promise<BrowseIndex> {
  return guarded(() =>
    db.transaction('r', ['decks', 'searchShards', 'searchDecks'], async () => {
      const [decks, shards, totals] = await Promise.all([
        db.decks.toArray(),
        db.table<StoredSearchShard>('searchShards').toArray(),
        db.table<StoredSearchDeck>('searchDecks').toArray(),
      ]);
      return indexOfRows(shards, totals, decks);
    }),
  );
}

/** Decks, tags and counts for the browser's first paint: small rows only. */
export function loadBrowseOutline(db: RehearseDb): Promise<BrowseOutline> {
  return guarded(() =>
    db.transaction('r', ['decks', 'searchDecks'], async () => {
      const [decks, totals] = await Promise.all([db.decks.toArray(), db.table<StoredSearchDeck>('searchDecks').toArray()]);
      const liveByDeck: Record<string, number> = {};
      for (const t of totals) liveByDeck[t.deckId] = t.live;
      return { decks: deckList(decks), tags: tagList(totals), live: totals.reduce((n, t) => n + t.live, 0), liveByDeck };
    }),
  );
}

/** A query the index's own order answers: no words, no filter but the deck, deck order. */
export function isPlainListing(query: BrowseQuery): boolean {
  return query.text.trim() === '' && query.tag === '' && query.state === 'any' && query.due === 'any' && query.sort === 'deck' && !query.descending;
}

/**
 * The first `limit` cards of a plain listing (`isPlainListing`), read shard by shard in deck
 * order until the page is full: one or two rows, not the collection.
 */
export function firstListingPage(db: RehearseDb, outline: BrowseOutline, deckId: string, limit: number): Promise<IndexedCard[]> {
  return guarded(() =>
    db.transaction('r', ['searchShards'], async () => {
      const shards = db.table<StoredSearchShard, [string, number]>('searchShards');
      const known = new Set(outline.decks.map((d) => d.id));
      const order = deckId === 'all' ? [...outline.decks.map((d) => d.id), ...Object.keys(outline.liveByDeck).filter((id) => !known.has(id)).sort()] : [deckId];
      const out: IndexedCard[] = [];
      for (const id of order) {
        if (!outline.liveByDeck[id]) continue;
        let block = -Infinity;
        while (out.length < limit) {
          const row = await shards.where('[deckId+block]').between([id, block], [id, Infinity], false, true).first();
          if (!row) break;
          block = row.block;
          for (const c of decodeShard(row)) if (!c.removed && out.length < limit) out.push(c);
        }
        if (out.length >= limit) break;
      }
      return out;
    }),
  );
}

/** Index entries with their cards' text, for showing (one bulk read of a page's cards). */
export async function withCardText(db: RehearseDb, entries: readonly IndexedCard[]): Promise<BrowseEntry[]> {
  const cards = await guarded(() => db.cards.bulkGet(entries.map((e) => e.id)));
  return entries.map((e, i) => ({ ...e, front: cards[i]?.front ?? '', back: cards[i]?.back ?? '' }));
}

const DAY = 24 * 3600_000;
/** One collator for every comparison (`localeCompare` makes one per call). */
const QUESTION_ORDER = new Intl.Collator();

function dueTest(filter: DueFilter, now: number, dayStartHour: number, tz: RehearseDb['timeZone']): ((e: IndexedCard) => boolean) | null {
  if (filter === 'any') return null;
  const dayEnd = nextDayStart(now, dayStartHour, tz);
  const dayStart = startOfStudyDay(now, dayStartHour, tz);
  const seen = (e: IndexedCard) => e.due !== null && !e.removed;
  switch (filter) {
    case 'overdue':
      return (e) => seen(e) && e.due! < dayStart;
    case 'today':
      return (e) => seen(e) && e.due! < dayEnd;
    case 'week':
      return (e) => seen(e) && e.due! < dayEnd + 6 * DAY;
    case 'month':
      return (e) => seen(e) && e.due! < dayEnd + 29 * DAY;
    case 'later':
      return (e) => seen(e) && e.due! >= dayEnd + 29 * DAY;
  }
}

function stateTest(filter: StateFilter, now: number): (e: IndexedCard) => boolean {
  switch (filter) {
    case 'any':
      return (e) => !e.removed;
    case 'new':
      return (e) => !e.removed && e.state === State.New;
    case 'learning':
      return (e) => !e.removed && (e.state === State.Learning || e.state === State.Relearning);
    case 'review':
      return (e) => !e.removed && e.state === State.Review;
    case 'suspended':
      return (e) => !e.removed && e.suspended;
    case 'buried':
      return (e) => !e.removed && e.buriedUntil > now;
    case 'edited':
      return (e) => e.edited;
    case 'removed':
      return (e) => e.removed;
  }
}

function comparator(sort: BrowseSort, deckOrder: Map<string, number>): ((a: IndexedCard, b: IndexedCard) => number) | null {
  const byDeck = (a: IndexedCard, b: IndexedCard) => (deckOrder.get(a.deckId) ?? 1e9) - (deckOrder.get(b.deckId) ?? 1e9) || a.position - b.position;
  switch (sort) {
    case 'deck':
      return null; // the index is kept in this order
    case 'due':
      // New cards (no due date) last.
      return (a, b) => (a.due ?? Infinity) - (b.due ?? Infinity) || byDeck(a, b);
    case 'lastReview':
      return (a, b) => (b.lastReview ?? -Infinity) - (a.lastReview ?? -Infinity) || byDeck(a, b);
    case 'question':
      return (a, b) => QUESTION_ORDER.compare(a.text, b.text);
    default:
      return (a, b) => b[sort] - a[sort] || byDeck(a, b);
  }
}

/** Options of `searchCards`: the clock and the study day it belongs to. */
export interface SearchContext {
  now: number;
  dayStartHour: number;
  timeZone?: RehearseDb['timeZone'];
}

/**
 * The cards of `index` matching `query`, sorted. Pure and synchronous. "Most lapses / reps /
 * highest stability / difficulty" sort highest first and "last reviewed" newest first;
 * `descending` turns any order round.
 */
export function searchCards(index: Pick<BrowseIndex, 'entries' | 'decks'>, query: BrowseQuery, context: SearchContext): IndexedCard[] {
  const { include, exclude } = parseSearchText(query.text);
  const byState = stateTest(query.state, context.now);
  const byDue = dueTest(query.due, context.now, context.dayStartHour, context.timeZone);
  const deckId = query.deckId === 'all' ? null : query.deckId;
  const tag = query.tag || null;
  const out: IndexedCard[] = [];
  next: for (const e of index.entries) {
    if (deckId !== null && e.deckId !== deckId) continue;
    if (!byState(e)) continue;
    if (byDue && !byDue(e)) continue;
    if (tag !== null && !e.tags.includes(tag)) continue;
    for (const term of include) if (!e.text.includes(term)) continue next;
    for (const term of exclude) if (e.text.includes(term)) continue next;
    out.push(e);
  }
  const compare = comparator(query.sort, new Map(index.decks.map((d, i) => [d.id, i])));
  if (compare) out.sort(compare);
  if (query.descending) out.reverse();
  return out;
}

/** A card's memory as FSRS sees it at `now`; null for a card never answered. */
export interface MemoryNow {
  /** Days for recall probability to fall to 90%. */
  stability: number;
  /** 1 (easy) … 10 (hard). */
  difficulty: number;
  /** Probability of recall at `now`. */
  retrievability: number;
  /** Days since the last answer. */
  elapsedDays: number;
}

/** Stability, difficulty and retrievability at `now` under `settings`' parameters. */
export function memoryNow(schedule: ScheduleState, now: number, settings: SchedulerSettings): MemoryNow | null {
  if (schedule.state === State.New || schedule.lastReview === null || schedule.stability <= 0) return null;
  const retrievability = schedulerFor(settings).get_retrievability(scheduleToFsrsCard(schedule), new Date(now), false);
  return {
    stability: schedule.stability,
    difficulty: schedule.difficulty,
    retrievability,
    elapsedDays: Math.max(0, (now - schedule.lastReview) / DAY),
  };
}

/** What the card screen shows. */
export interface CardDetail {
  card: StoredCard;
  state: StoredCardState | undefined;
  deck: StoredDeck | undefined;
  /** Every answer, oldest first. */
  reviews: StoredReviewLog[];
  settings: SchedulerSettings;
}

/** One card with its deck, state, review history and the scheduler settings, read together. */
export function loadCardDetail(db: RehearseDb, cardId: string): Promise<CardDetail> {
  return guarded(() =>
    db.transaction('r', [db.cards, db.cardStates, db.decks, db.reviews, db.settings], async () => {
      const card = await db.cards.get(cardId);
      if (!card) throw new StorageError('not-found', `${storageErrorMessage('not-found')} (${cardId})`);
      const [state, deck, reviews, settings] = await Promise.all([
        db.cardStates.get(cardId),
        db.decks.get(card.deckId),
        db.reviews.where('cardId').equals(cardId).sortBy('reviewedAt').then((rows) => rows.filter(isLiveAnswer)),
        loadSettings(db),
      ]);
      return { card, state, deck, reviews, settings };
    }),
  );
}

/**
 * A study queue of one card, due or not ("Review it now" from the browser), in the shape
 * `studyQueue` returns. Its answers are recorded like any other.
 */
export function singleCardQueue(
  db: RehearseDb,
  cardId: string,
  now: number,
): Promise<{ queue: QueueState; cards: Record<string, StoredCard>; settings: SchedulerSettings }> {
  return guarded(() =>
    db.transaction('r', [db.cards, db.cardStates, db.settings], async () => {
      const [card, state, settings] = await Promise.all([db.cards.get(cardId), db.cardStates.get(cardId), loadSettings(db)]);
      const dayEnd = nextDayStart(now, settings.dayStartHour, db.timeZone);
      const queue: QueueState = { learning: [], main: [], dayEnd, learnAheadMs: settings.learnAheadMinutes * 60_000 };
      if (!card || !state) return { queue, cards: {}, settings };
      queue.main.push({ cardId, deckId: state.deckId, schedule: state.schedule, version: state.version, position: state.position });
      return { queue, cards: { [cardId]: card }, settings };
    }),
  );
}
