// The persisted search index's rows, as pure data. The index is cut into shards: one row per deck
// and run of SHARD_SIZE positions, holding its cards' normalized text joined in one string and
// their filter and sort fields in one Float64Array. Reading the whole index is then a few hundred
// rows of strings and typed arrays (cheap to clone out of IndexedDB), an edit rewrites one shard,
// and a deck's first page is its first shard. One row per deck (`StoredSearchDeck`) keeps the
// counts and tags the browser shows before any shard is read.

import { State, type ScheduleState } from '../../core/scheduling/fsrs.ts';
import type { StoredCard, StoredCardState } from '../db.ts';
import { normalizeSearchText } from './text.ts';

/** Positions per shard. */
export const SHARD_SIZE = 512;
/** Between two cards' texts (normalization turns every control character into a space). */
const SEP = '\u0001';
/** Between two tags of one card. */
const TAG_SEP = '\u0002';

/** One card as the index holds it: what search, filters and sorts read. */
export interface IndexedCard {
  id: string;
  deckId: string;
  position: number;
  /** Front, back and tags, normalized for search (`normalizeSearchText`), separated by newlines. */
  text: string;
  tags: string[];
  /** The user edited the card's text in the app. */
  edited: boolean;
  /** The card left its deck's source (kept with its history). */
  removed: boolean;
  state: State;
  /** Next due (epoch ms); null for a new card. */
  due: number | null;
  suspended: boolean;
  buriedUntil: number;
  reps: number;
  lapses: number;
  stability: number;
  difficulty: number;
  lastReview: number | null;
}

/** A shard as stored (`searchShards`, key `[deckId+block]`). */
export interface StoredSearchShard {
  deckId: string;
  block: number;
  ids: string[];
  /** The cards' texts, joined by SEP. */
  text: string;
  /** Each card's tags joined by TAG_SEP, the cards joined by SEP. */
  tags: string;
  /** FIELDS numbers per card (see `encodeShard`). */
  nums: Float64Array;
}

/** A deck's totals as stored (`searchDecks`, key `deckId`). */
export interface StoredSearchDeck {
  deckId: string;
  /** Every card the index holds for the deck. */
  cards: number;
  /** Cards still in their note (not removed). */
  live: number;
  /** How many cards carry each tag (removed ones too: their tags can still be searched). */
  tags: Record<string, number>;
}

const FIELDS = 10;
const EDITED = 1;
const REMOVED = 2;
const SUSPENDED = 4;

/** The index's view of a card and its state (absent: a card never studied on this device). */
export function indexedCardOf(card: StoredCard, state: StoredCardState | undefined): IndexedCard {
  const s: ScheduleState | undefined = state?.schedule;
  const isNew = !s || s.state === State.New;
  return {
    id: card.id,
    deckId: card.deckId,
    position: card.position,
    text: `${normalizeSearchText(card.front)}\n${normalizeSearchText(card.back)}\n${normalizeSearchText(card.tags.join(' '))}`,
    tags: card.tags,
    edited: card.userEdited === true,
    removed: card.hidden || state?.hidden === true,
    state: s?.state ?? State.New,
    due: isNew ? null : s.due,
    suspended: state?.suspended === true,
    buriedUntil: state?.buriedUntil ?? 0,
    reps: s?.reps ?? 0,
    lapses: s?.lapses ?? 0,
    stability: s?.stability ?? 0,
    difficulty: s?.difficulty ?? 0,
    lastReview: s?.lastReview ?? null,
  };
}

/** The shard a card at `position` of `deckId` lives in. */
export function shardKeyOf(deckId: string, position: number): [string, number] {
  return [deckId, Math.floor(position / SHARD_SIZE)];
}

/** Shard keys as one string, for maps. */
export function shardKeyText(key: readonly [string, number]): string {
  return `${key[1]}\u0000${key[0]}`;
}

/** Cards in shard order: position, then id. */
export function compareIndexed(a: IndexedCard, b: IndexedCard): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One shard row from its cards (sorted here). */
export function encodeShard(deckId: string, block: number, cards: IndexedCard[]): StoredSearchShard {
  const sorted = [...cards].sort(compareIndexed);
  const nums = new Float64Array(sorted.length * FIELDS);
  sorted.forEach((c, i) => writeFields(nums, i, c));
  return {
    deckId,
    block,
    ids: sorted.map((c) => c.id),
    text: sorted.map((c) => c.text).join(SEP),
    tags: sorted.map((c) => c.tags.join(TAG_SEP)).join(SEP),
    nums,
  };
}

/** Writes one card's filter and sort fields at slot `i` of `nums`. */
function writeFields(nums: Float64Array, i: number, c: IndexedCard): void {
  const o = i * FIELDS;
  nums[o] = c.position;
  nums[o + 1] = c.state;
  nums[o + 2] = (c.edited ? EDITED : 0) | (c.removed ? REMOVED : 0) | (c.suspended ? SUSPENDED : 0);
  nums[o + 3] = c.due ?? NaN;
  nums[o + 4] = c.buriedUntil;
  nums[o + 5] = c.reps;
  nums[o + 6] = c.lapses;
  nums[o + 7] = c.stability;
  nums[o + 8] = c.difficulty;
  nums[o + 9] = c.lastReview ?? NaN;
}

/**
 * The shard with new fields for cards it already holds at the same position, its texts and tags
 * untouched: what an answer, a burial or a suspension changes. Null when a card is not there, would
 * move, or leaves or rejoins its note (which changes the deck's totals): the caller rebuilds it.
 */
export function patchShardFields(row: StoredSearchShard, cards: readonly IndexedCard[]): StoredSearchShard | null {
  const nums = new Float64Array(row.nums);
  for (const c of cards) {
    const i = row.ids.indexOf(c.id);
    if (i === -1 || c.deckId !== row.deckId) return null;
    const o = i * FIELDS;
    if (nums[o] !== c.position || ((nums[o + 2]! & REMOVED) !== 0) !== c.removed) return null;
    writeFields(nums, i, c);
  }
  return { ...row, nums };
}

/** The cards of a shard row, in shard order. */
export function decodeShard(row: StoredSearchShard): IndexedCard[] {
  const texts = row.text.split(SEP);
  const tags = row.tags.split(SEP);
  const { nums, deckId } = row;
  return row.ids.map((id, i) => {
    const o = i * FIELDS;
    const flags = nums[o + 2]!;
    const due = nums[o + 3]!;
    const lastReview = nums[o + 9]!;
    return {
      id,
      deckId,
      position: nums[o]!,
      text: texts[i]!,
      tags: tags[i] ? tags[i]!.split(TAG_SEP) : [],
      edited: (flags & EDITED) !== 0,
      removed: (flags & REMOVED) !== 0,
      state: nums[o + 1]! as State,
      due: Number.isNaN(due) ? null : due,
      suspended: (flags & SUSPENDED) !== 0,
      buriedUntil: nums[o + 4]!,
      reps: nums[o + 5]!,
      lapses: nums[o + 6]!,
      stability: nums[o + 7]!,
      difficulty: nums[o + 8]!,
      lastReview: Number.isNaN(lastReview) ? null : lastReview,
    };
  });
}

/** Adds (`sign` 1) or takes away (-1) one card's part of its deck's totals. */
export function countIndexed(deck: StoredSearchDeck, card: IndexedCard, sign: 1 | -1): void {
  deck.cards += sign;
  if (!card.removed) deck.live += sign;
  for (const t of card.tags) {
    const n = (deck.tags[t] ?? 0) + sign;
    if (n > 0) deck.tags[t] = n;
    else delete deck.tags[t];
  }
}

/** The whole index from rows, as the upgrade writes it and the tests compare with. */
export function buildSearchRows(
  cards: readonly StoredCard[],
  states: readonly StoredCardState[],
): { shards: StoredSearchShard[]; decks: StoredSearchDeck[] } {
  const stateOf = new Map(states.map((s) => [s.cardId, s]));
  const groups = new Map<string, { key: [string, number]; cards: IndexedCard[] }>();
  const decks = new Map<string, StoredSearchDeck>();
  for (const card of cards) {
    const entry = indexedCardOf(card, stateOf.get(card.id));
    const key = shardKeyOf(card.deckId, card.position);
    const k = shardKeyText(key);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = { key, cards: [] }));
    group.cards.push(entry);
    let deck = decks.get(card.deckId);
    if (!deck) decks.set(card.deckId, (deck = emptySearchDeck(card.deckId)));
    countIndexed(deck, entry, 1);
  }
  return {
    shards: [...groups.values()].map((g) => encodeShard(g.key[0], g.key[1], g.cards)),
    decks: [...decks.values()],
  };
}

/** A deck's totals before any card is counted. */
export function emptySearchDeck(deckId: string): StoredSearchDeck {
  return { deckId, cards: 0, live: 0, tags: {} };
}
