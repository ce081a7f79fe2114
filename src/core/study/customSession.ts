// Custom study sessions, as Anki users know them: a search from the browser, review ahead, the
// cards forgotten today, new cards beyond today's limit, and cram. A session is a spec (kept in
// the URL, so a reload resumes it) and its queue is a pure function of the cards, the spec and
// `now`. A session that does not reschedule writes its grades as `practice` rows: they stay in
// the log and change no card's state, no summary and no FSRS training.

import { State } from '../scheduling/fsrs.ts';
import { nextDayStart, type TimeZoneOffset } from '../scheduling/day.ts';
import type { QueueCard } from '../scheduling/queue.ts';
import { seededRandom } from '../random.ts';

export type CustomKind = 'search' | 'ahead' | 'forgotten' | 'new' | 'cram';
export type CramOrder = 'deck' | 'random' | 'hardest';

/** What a search session studies: the browser's search (its filters, its sort). */
export interface CustomSearch {
  text: string;
  tag: string;
  state: string;
  due: string;
  sort: string;
  descending: boolean;
}

/** One custom session. `deckId` is a deck's id or `all`. */
export interface CustomSpec {
  kind: CustomKind;
  deckId: string;
  /** Grades count as usual (state moves, summaries count them); otherwise practice rows. */
  reschedule: boolean;
  /** Review ahead: cards due in the next `days` study days. */
  days?: number;
  /** New cards: how many beyond today's limit. */
  count?: number;
  /** Cram: the order. */
  order?: CramOrder;
  /** Cram random: the seed, so a reload shows the same order. */
  seed?: number;
  /** Search: the browser's query. */
  search?: CustomSearch;
}

export const DAY_MS = 86_400_000;
export const MAX_AHEAD_DAYS = 365;
export const MAX_EXTRA_NEW = 9999;

/** Whether a kind reschedules unless the user says otherwise (Anki's defaults). */
export function reschedulesByDefault(kind: CustomKind): boolean {
  return kind === 'ahead' || kind === 'new';
}

/** What the queue builder needs besides the cards. */
export interface CustomQueueContext {
  now: number;
  dayStartHour: number;
  timeZone?: TimeZoneOffset;
  /** Forgotten today: the cards graded Again since today's study day began, in answer order. */
  forgottenToday?: readonly string[];
  /** Search: the matching card ids, in the browser's order (storage runs the search). */
  matching?: readonly string[];
  /** New cards: how many new cards each deck still shows today (those are skipped). */
  newLeftToday?: (deckId: string) => number;
}

/** Why a spec from a URL cannot be used. */
export class CustomSpecError extends Error {}

const KINDS: readonly CustomKind[] = ['search', 'ahead', 'forgotten', 'new', 'cram'];
const ORDERS: readonly CramOrder[] = ['deck', 'random', 'hardest'];

function inDeck(card: QueueCard, deckId: string): boolean {
  return deckId === 'all' || card.deckId === deckId;
}

/** A card a session may show: not suspended, not removed from its deck. Buried cards too: the user asked for them. */
function studiable(card: QueueCard): boolean {
  return !card.suspended && !card.hidden;
}

const byDeckPosition = (a: QueueCard, b: QueueCard) =>
  (a.deckOrder ?? 0) - (b.deckOrder ?? 0) || (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0) || a.position - b.position;

/** Hardest first: most forgotten (lapses), then highest difficulty; cards never answered last. */
const byHardest = (a: QueueCard, b: QueueCard) => {
  const aNew = a.schedule.state === State.New ? 1 : 0;
  const bNew = b.schedule.state === State.New ? 1 : 0;
  return aNew - bNew || b.schedule.lapses - a.schedule.lapses || b.schedule.difficulty - a.schedule.difficulty || byDeckPosition(a, b);
};

function shuffled<T>(items: T[], seed: number): T[] {
  const random = seededRandom(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * The session's cards, in the order to show them. Pure: the same cards, spec and context give
 * the same ids. Suspended cards and cards removed from their deck are never shown.
 */
export function customQueueIds(cards: readonly QueueCard[], spec: CustomSpec, context: CustomQueueContext): string[] {
  const pool = cards.filter((c) => inDeck(c, spec.deckId) && studiable(c));
  switch (spec.kind) {
    case 'search': {
      const ok = new Set(pool.map((c) => c.cardId));
      return (context.matching ?? []).filter((id) => ok.has(id));
    }
    case 'ahead': {
      // Today's queue holds what is due before the day ends; ahead is the `days` study days after.
      const dayEnd = nextDayStart(context.now, context.dayStartHour, context.timeZone);
      const until = dayEnd + (spec.days ?? 1) * DAY_MS;
      return pool
        .filter((c) => c.schedule.state === State.Review && c.schedule.due >= dayEnd && c.schedule.due < until)
        .sort((a, b) => a.schedule.due - b.schedule.due || byDeckPosition(a, b))
        .map((c) => c.cardId);
    }
    case 'forgotten': {
      const ok = new Set(pool.map((c) => c.cardId));
      return [...new Set(context.forgottenToday ?? [])].filter((id) => ok.has(id));
    }
    case 'new': {
      const fresh = pool.filter((c) => c.schedule.state === State.New).sort(byDeckPosition);
      const skipped = new Map<string, number>();
      const out: string[] = [];
      for (const c of fresh) {
        const seen = skipped.get(c.deckId) ?? 0;
        // The first cards each deck still shows today stay in today's queue.
        if (seen < (context.newLeftToday?.(c.deckId) ?? 0)) {
          skipped.set(c.deckId, seen + 1);
          continue;
        }
        out.push(c.cardId);
        if (out.length >= (spec.count ?? 10)) break;
      }
      return out;
    }
    case 'cram': {
      const order = spec.order ?? 'deck';
      if (order === 'random') return shuffled([...pool].sort(byDeckPosition), spec.seed ?? 1).map((c) => c.cardId);
      return [...pool].sort(order === 'hardest' ? byHardest : byDeckPosition).map((c) => c.cardId);
    }
  }
}

const SEARCH_KEYS = ['text', 'tag', 'state', 'due', 'sort'] as const;

/** The spec as the tail of a `#/custom/` URL: `cram?deck=networking&order=random&seed=7&r=0`. */
export function formatCustomSpec(spec: CustomSpec): string {
  const params: Array<[string, string]> = [['deck', spec.deckId], ['r', spec.reschedule ? '1' : '0']];
  if (spec.days !== undefined) params.push(['days', String(spec.days)]);
  if (spec.count !== undefined) params.push(['count', String(spec.count)]);
  if (spec.order !== undefined) params.push(['order', spec.order]);
  if (spec.seed !== undefined) params.push(['seed', String(spec.seed)]);
  if (spec.search) {
    for (const key of SEARCH_KEYS) if (spec.search[key]) params.push([key, spec.search[key]]);
    if (spec.search.descending) params.push(['desc', '1']);
  }
  return `${spec.kind}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CustomSpecError(`The ${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** Reads a spec back from a URL tail; throws `CustomSpecError` with a sentence for the user. */
export function parseCustomSpec(text: string): CustomSpec {
  const at = text.indexOf('?');
  const kind = (at < 0 ? text : text.slice(0, at)) as CustomKind;
  if (!KINDS.includes(kind)) throw new CustomSpecError('This link names no kind of custom study this app knows.');
  const params = new Map<string, string>();
  for (const part of (at < 0 ? '' : text.slice(at + 1)).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    try {
      params.set(eq < 0 ? part : part.slice(0, eq), eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1)));
    } catch {
      throw new CustomSpecError('This custom study link is damaged.');
    }
  }
  const spec: CustomSpec = { kind, deckId: params.get('deck') || 'all', reschedule: params.has('r') ? params.get('r') === '1' : reschedulesByDefault(kind) };
  const days = wholeNumber(params.get('days'), 'number of days', 1, MAX_AHEAD_DAYS);
  const count = wholeNumber(params.get('count'), 'number of new cards', 1, MAX_EXTRA_NEW);
  const seed = wholeNumber(params.get('seed'), 'seed', 0, 2 ** 31);
  if (kind === 'ahead') spec.days = days ?? 1;
  if (kind === 'new') spec.count = count ?? 10;
  if (kind === 'cram') {
    const order = (params.get('order') ?? 'deck') as CramOrder;
    if (!ORDERS.includes(order)) throw new CustomSpecError('Cram order must be deck order, random or hardest first.');
    spec.order = order;
    if (order === 'random') spec.seed = seed ?? 1;
  }
  if (kind === 'search') {
    spec.search = {
      text: params.get('text') ?? '',
      tag: params.get('tag') ?? '',
      state: params.get('state') ?? 'any',
      due: params.get('due') ?? 'any',
      sort: params.get('sort') ?? 'deck',
      descending: params.get('desc') === '1',
    };
  }
  return spec;
}

const ORDER_NAMES: Record<CramOrder, string> = { deck: 'deck order', random: 'random order', hardest: 'hardest first' };

/** The session's name on the study screen: "Cram · Networking", "Review ahead 3 days · All decks". */
export function customSessionTitle(spec: CustomSpec, deckName: string): string {
  switch (spec.kind) {
    case 'search': {
      const what = spec.search?.tag ? `#${spec.search.tag}` : spec.search?.text ? `“${spec.search.text}”` : 'Search';
      return `Study ${what} · ${deckName}`;
    }
    case 'ahead':
      return `Review ahead ${spec.days} day${spec.days === 1 ? '' : 's'} · ${deckName}`;
    case 'forgotten':
      return `Forgotten today · ${deckName}`;
    case 'new':
      return `${spec.count} more new · ${deckName}`;
    case 'cram':
      return `Cram · ${deckName} · ${ORDER_NAMES[spec.order ?? 'deck']}`;
  }
}
