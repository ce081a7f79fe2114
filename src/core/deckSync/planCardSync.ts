// The deck-sync planner: given the cards and states stored for some decks (a snapshot) and the
// decks as now built, decides what happens to every card — same card updated, edited question
// taking over an old card's progress, repeat of a question matched by its answer, card moved to
// another deck, card gone (hidden with its history). Pure: storage reads the snapshot, calls
// this, and writes the plan in one transaction. History is never dropped: every review-log row of
// a card that leaves or changes its id is moved with it.

import { answerKey, normalizeQuestion, questionIdOf } from '../deck/cardId.ts';
import type { CardKind, CardMeta, Deck } from '../deck/types.ts';
import { QUESTION_SIMILARITY_THRESHOLD, isIdentifyingAnswer, lightWordEdit, maybeSimilar, numbersChanged, questionSimilarity, trigramDice } from './sameQuestion.ts';

/** A card's content as stored (storage's `StoredCard` is this type) and as the planner sees it. */
export interface SyncCard {
  id: string;
  deckId: string;
  front: string;
  back: string;
  tags: string[];
  kind: CardKind;
  meta: CardMeta;
  /** Order in its deck. */
  position: number;
  /** The card left its deck's source; kept with its history, comes back if the question returns. */
  hidden: boolean;
  /** Edited in the app: deck sync no longer overwrites its front, back and tags. */
  userEdited?: boolean;
  /** Of an edited card: the note's version (refreshed by every sync), for "Revert". Not indexed, no schema change. */
  original?: { front: string; back: string; tags: string[] };
  /** Written in the app (storage/addCard.ts): it belongs to no note, so deck syncs leave it alone. Not indexed, no schema change. */
  userAdded?: true;
}

/** The part of a stored card state the planner reads and moves; the rest is carried as is. */
export interface SyncState {
  cardId: string;
  deckId: string;
  position: number;
  hidden: boolean;
}

/** Why a card took over another's progress. */
export type TakeoverReason = 'edited-question' | 'same-answer' | 'repeat' | 'same-content';

/** A card of the new deck that takes over the id-keyed progress of a stored card. */
export interface Takeover {
  from: string;
  to: string;
  /** The stored question (the user's text when they edited the card). */
  fromFront: string;
  /** The note's new question. */
  toFront: string;
  reason: TakeoverReason;
}

/** A card the user edited in the app whose text in the note changed: the user's text stays. */
export interface NoteChangedUnderEdit {
  /** The card's id after the sync. */
  id: string;
  /** The user's question, kept. */
  front: string;
  /** The note's new question. */
  noteFront: string;
}

/** What a sync does. */
export interface SyncReport {
  added: number;
  updated: number;
  /** Of the updated cards, those whose front, back, kind or tags changed (not just their place). */
  edited: number;
  /** Cards that left their deck (hidden, history kept). */
  hidden: number;
  /** Hidden cards whose question came back. */
  restored: number;
  /** Every card whose id changed, with its progress and history. */
  carriedOver: Array<{ from: string; to: string }>;
  /**
   * The takeovers that are a judgement (a question edited, rewritten around its answer, a repeat
   * whose answer changed), for the preview to show and the user to refuse. Not listed: cards the
   * same in every word (moved to another deck, a repeat re-keyed).
   */
  takeovers: Takeover[];
  noteChangedUnderEdit: NoteChangedUnderEdit[];
  /** Ids (before the sync) of the cards hidden by it. */
  hiddenIds: string[];
}

/** What is stored for the decks being synced (and for those this sync hides). */
export interface SyncSnapshot<S extends SyncState> {
  cards: readonly SyncCard[];
  states: readonly S[];
}

export interface CardSyncInput {
  decks: readonly Deck[];
  /** Stored decks this sync hides: their visible cards leave (or move to a synced deck). */
  hiddenDeckIds?: readonly string[];
  /** Takeovers the user refused in the preview: the new card starts fresh, the old one leaves. */
  refusedTakeovers?: ReadonlyArray<{ from: string; to: string }>;
}

/** Every write of a sync, as data. Apply card and state deletes before puts; move review logs by `logMoves`. */
export interface CardSyncPlan<S extends SyncState> {
  report: SyncReport;
  cardPuts: SyncCard[];
  cardDeletes: string[];
  /** States kept, moved or unhidden. */
  statePuts: S[];
  stateDeletes: string[];
  /** Cards that need a new (never reviewed) state. */
  freshStates: SyncCard[];
  /**
   * Review-log rows to relabel, `from` → `to`. Ids may be swapped (one card leaves an id that
   * another takes), so apply them as if all at once: every `from` to a temporary id first.
   */
  logMoves: Array<{ from: string; to: string; deckId: string }>;
}

interface Pair {
  stored: SyncCard;
  incoming: SyncCard;
  reason: TakeoverReason;
}

// An answer is folded once per card object: answers may be long (a card of 20 MB is accepted), and
// several matchers compare them.
const foldedAnswers = new WeakMap<object, string>();
function answerOf(c: { back: string; original?: { back: string } | undefined }): string {
  let folded = foldedAnswers.get(c);
  if (folded === undefined) foldedAnswers.set(c, (folded = normalizeQuestion(c.original?.back ?? c.back)));
  return folded;
}
const questionOf = (c: { front: string; original?: { front: string } | undefined }) => c.original?.front ?? c.front;

function contentOf(card: Deck['cards'][number], deckId: string, position: number): SyncCard {
  return { id: card.id, deckId, front: card.front, back: card.back, tags: card.tags, kind: card.kind, meta: card.meta, position, hidden: false };
}

function sameText(a: SyncCard, b: SyncCard): boolean {
  return a.front === b.front && a.back === b.back && a.kind === b.kind && JSON.stringify(a.tags) === JSON.stringify(b.tags);
}

function sameContent(a: SyncCard, b: SyncCard): boolean {
  return (
    sameText(a, b) &&
    a.position === b.position &&
    a.hidden === b.hidden &&
    JSON.stringify(a.meta) === JSON.stringify(b.meta) &&
    JSON.stringify(a.original) === JSON.stringify(b.original)
  );
}

/** The note's text of a stored card: what the note said when it was last synced. */
function noteTextOf(c: SyncCard): { front: string; back: string; tags: string[] } {
  return c.original ?? { front: c.front, back: c.back, tags: c.tags };
}

/**
 * Pairs the stored copies of one repeated question with the incoming ones by content: the same id
 * and answer, then the same answer (a copy above it was deleted or added), then the most similar
 * answer (an answer edited), then the same id, then — as a last resort, when as many copies are
 * left on both sides — their order.
 */
function pairRepeats(stored: SyncCard[], incoming: SyncCard[], refused: (from: string, to: string) => boolean): Pair[] {
  const pairs: Pair[] = [];
  const s = new Set(stored);
  const n = new Set(incoming);
  const take = (a: SyncCard, b: SyncCard, reason: TakeoverReason) => {
    pairs.push({ stored: a, incoming: b, reason: a.id === b.id ? 'same-content' : reason });
    s.delete(a);
    n.delete(b);
  };
  // Visible copies first, then nearest in the deck.
  const rank = (a: SyncCard, b: SyncCard, at: number) => Number(a.hidden) - Number(b.hidden) || Math.abs(a.position - at) - Math.abs(b.position - at);
  for (const x of [...n]) {
    const same = [...s].find((c) => c.id === x.id && answerOf(c) === answerOf(x));
    if (same) take(same, x, 'same-content');
  }
  for (const x of [...n]) {
    const same = [...s].filter((c) => answerOf(c) === answerOf(x) && !refused(c.id, x.id)).sort((a, b) => rank(a, b, x.position))[0];
    if (same) take(same, x, 'same-content');
  }
  const scored: Array<{ a: SyncCard; b: SyncCard; score: number }> = [];
  for (const a of s) {
    if (a.hidden) continue;
    for (const b of n) {
      const score = trigramDice(answerOf(a), answerOf(b));
      if (score >= 0.5 && !refused(a.id, b.id)) scored.push({ a, b, score });
    }
  }
  scored.sort((p, q) => q.score - p.score);
  for (const { a, b } of scored) if (s.has(a) && n.has(b)) take(a, b, 'repeat');
  for (const x of [...n]) {
    const same = [...s].find((c) => c.id === x.id);
    if (same) take(same, x, 'repeat');
  }
  const left = [...s].filter((c) => !c.hidden).sort((a, b) => a.position - b.position);
  const right = [...n].sort((a, b) => a.position - b.position);
  if (left.length === right.length) left.forEach((a, k) => !refused(a.id, right[k]!.id) && take(a, right[k]!, 'repeat'));
  return pairs;
}

interface Candidate {
  card: SyncCard;
}

/**
 * Pairs cards that disappeared with cards that appeared in the same deck: near the same place,
 * and either a lightly edited question (as `isLightlyEditedQuestion`) or the same identifying answer,
 * found in no other card. Greedy, best pairs first. `deckSize` sets how far a card may have moved
 * (a fifth of the deck, at least 10).
 */
export function matchEditedCards<T extends Candidate>(
  removed: readonly T[],
  added: readonly T[],
  deckSize: number,
  answerCounts: ReadonlyMap<string, number> = new Map(),
): Array<{ from: T; to: T; reason: TakeoverReason }> {
  if (removed.length === 0 || added.length === 0) return [];
  const window = Math.max(10, Math.round(deckSize * 0.2));
  const pairs: Array<{ from: T; to: T; score: number; distance: number; reason: TakeoverReason }> = [];
  // Normalized once each, and the added cards in deck order, so each removed card looks only at its window.
  const norm = (c: SyncCard) => ({ question: normalizeQuestion(questionOf(c)), answer: answerOf(c) });
  const addedSorted = added.map((to) => ({ to, ...norm(to.card) })).sort((p, q) => p.to.card.position - q.to.card.position);
  for (const from of removed) {
    const { question, answer } = norm(from.card);
    const identifying = isIdentifyingAnswer(answer) && (answerCounts.get(answer) ?? 0) <= 2;
    const before = questionOf(from.card);
    let lo = 0;
    let hi = addedSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (addedSorted[mid]!.to.card.position < from.card.position - window) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < addedSorted.length; k++) {
      const cand = addedSorted[k]!;
      const to = cand.to;
      if (to.card.position > from.card.position + window) break;
      if (to.card.deckId !== from.card.deckId) continue;
      const distance = Math.abs(to.card.position - from.card.position);
      // maybeSimilar is exact for short questions; a long one's trigram overlap is checked after it.
      const score =
        maybeSimilar(question, cand.question) && lightWordEdit(before, to.card.front, question, cand.question) ? questionSimilarity(before, to.card.front) : 0;
      if (score >= QUESTION_SIMILARITY_THRESHOLD) {
        pairs.push({ from, to, score, distance, reason: 'edited-question' });
      } else if (identifying && answer === cand.answer && !numbersChanged(before, to.card.front)) {
        // A rewritten question with the very same answer is the same card, when that answer is
        // long and its own: a short one ("yes", "O(n log n)") is shared by too many questions.
        pairs.push({ from, to, score: 0.75, distance, reason: 'same-answer' });
      }
    }
  }
  pairs.sort((p, q) => q.score - p.score || p.distance - q.distance);
  const usedFrom = new Set<T>();
  const usedTo = new Set<T>();
  const out: Array<{ from: T; to: T; reason: TakeoverReason }> = [];
  for (const p of pairs) {
    if (usedFrom.has(p.from) || usedTo.has(p.to)) continue;
    usedFrom.add(p.from);
    usedTo.add(p.to);
    out.push({ from: p.from, to: p.to, reason: p.reason });
  }
  return out;
}

/** Cards that moved to another deck unchanged: same normalized question and answer. */
export function matchMovedCards<T extends Candidate>(removed: readonly T[], added: readonly T[]): Array<{ from: T; to: T }> {
  if (removed.length === 0 || added.length === 0) return [];
  const key = (c: SyncCard) => `${normalizeQuestion(questionOf(c))}\u0000${answerOf(c)}`;
  const byKey = new Map<string, T[]>();
  for (const r of removed) {
    const list = byKey.get(key(r.card));
    if (list) list.push(r);
    else byKey.set(key(r.card), [r]);
  }
  const out: Array<{ from: T; to: T }> = [];
  for (const a of added) {
    const from = byKey.get(key(a.card))?.shift();
    if (from) out.push({ from, to: a });
  }
  return out;
}

/**
 * Plans a sync of `input.decks` over what `snapshot` holds. For each card: new → added with a new
 * state; the same card (same id, or a repeat recognized by its answer) → content updated, its
 * progress untouched, unhidden if it had left; an edited question → takes over the old card's
 * state and history; gone → hidden with its history. A card the user edited keeps the user's text
 * and tags through all of these, with the note's version beside it for "Revert".
 */
export function planCardSync<S extends SyncState>(snapshot: SyncSnapshot<S>, input: CardSyncInput): CardSyncPlan<S> {
  const report: SyncReport = { added: 0, updated: 0, edited: 0, hidden: 0, restored: 0, carriedOver: [], takeovers: [], noteChangedUnderEdit: [], hiddenIds: [] };
  const plan: CardSyncPlan<S> = { report, cardPuts: [], cardDeletes: [], statePuts: [], stateDeletes: [], freshStates: [], logMoves: [] };
  const refusedKeys = new Set((input.refusedTakeovers ?? []).map((r) => `${r.from}\u0000${r.to}`));
  const refused = (from: string, to: string) => refusedKeys.has(`${from}\u0000${to}`);
  const states = new Map(snapshot.states.map((s) => [s.cardId, s]));
  // A card the user added is no note's: nothing in a deck file can update, take over or hide it.
  const noteCards = snapshot.cards.filter((c) => !c.userAdded);
  const storedByDeck = new Map<string, SyncCard[]>();
  for (const c of noteCards) {
    const list = storedByDeck.get(c.deckId);
    if (list) list.push(c);
    else storedByDeck.set(c.deckId, [c]);
  }
  // Ids that will exist after the sync: a stored card that leaves one of them must leave it free.
  const incomingIds = new Set<string>();
  const takenIds = new Set(snapshot.cards.map((c) => c.id));
  const pairs: Pair[] = [];
  const removedAll: Candidate[] = [];
  const addedAll: Candidate[] = [];

  for (const deck of input.decks) {
    const stored = storedByDeck.get(deck.id) ?? [];
    const incoming: SyncCard[] = [];
    const seen = new Set<string>();
    for (const [position, card] of deck.cards.entries()) {
      if (seen.has(card.id)) continue; // a duplicate id in the deck file: keep the first
      seen.add(card.id);
      incomingIds.add(card.id);
      takenIds.add(card.id);
      incoming.push(contentOf(card, deck.id, position));
    }
    const byQuestion = new Map<string, { stored: SyncCard[]; incoming: SyncCard[] }>();
    const group = (id: string) => {
      const key = questionIdOf(id);
      let g = byQuestion.get(key);
      if (!g) byQuestion.set(key, (g = { stored: [], incoming: [] }));
      return g;
    };
    for (const c of stored) group(c.id).stored.push(c);
    for (const c of incoming) group(c.id).incoming.push(c);
    const paired = new Set<SyncCard>();
    for (const g of byQuestion.values()) {
      let found: Pair[];
      if (g.stored.length <= 1 && g.incoming.length <= 1) {
        // A question asked once: the id is the card (today's rule, and every collection's keys).
        const [a] = g.stored;
        const [b] = g.incoming;
        found = a && b && a.id === b.id ? [{ stored: a, incoming: b, reason: 'same-content' }] : [];
      } else {
        found = pairRepeats(g.stored, g.incoming, refused);
      }
      for (const p of found) {
        pairs.push(p);
        paired.add(p.stored).add(p.incoming);
      }
    }
    const removed = stored.filter((c) => !c.hidden && !paired.has(c)).map((card) => ({ card }));
    const added = incoming.filter((c) => !paired.has(c)).map((card) => ({ card }));
    // Answers are counted only when some card left and another came: a first import or an
    // unchanged deck has nothing to pair.
    const answerCounts = new Map<string, number>();
    if (removed.length > 0 && added.length > 0) {
      for (const c of [...stored.filter((s) => !s.hidden), ...incoming]) answerCounts.set(answerOf(c), (answerCounts.get(answerOf(c)) ?? 0) + 1);
    }
    // Edited questions first (same deck), so only what is left over is matched across decks.
    const edits = matchEditedCards(removed, added, Math.max(stored.length, deck.cards.length), answerCounts).filter(
      (p) => !refused(p.from.card.id, p.to.card.id),
    );
    for (const { from, to, reason } of edits) pairs.push({ stored: from.card, incoming: to.card, reason });
    const taken = new Set(edits.flatMap((p) => [p.from, p.to]));
    removedAll.push(...removed.filter((c) => !taken.has(c)));
    addedAll.push(...added.filter((c) => !taken.has(c)));
  }

  for (const deckId of input.hiddenDeckIds ?? []) {
    for (const card of storedByDeck.get(deckId) ?? []) if (!card.hidden) removedAll.push({ card });
  }
  const moves = matchMovedCards(removedAll, addedAll).filter((p) => !refused(p.from.card.id, p.to.card.id));
  for (const { from, to } of moves) pairs.push({ stored: from.card, incoming: to.card, reason: 'same-content' });
  const moved = new Set(moves.flatMap((p) => [p.from, p.to]));

  for (const p of pairs) applyPair(p);
  for (const a of addedAll) {
    if (moved.has(a)) continue;
    plan.cardPuts.push(a.card);
    plan.freshStates.push(a.card);
    report.added++;
  }
  for (const r of removedAll) {
    if (moved.has(r)) continue;
    report.hidden++;
    report.hiddenIds.push(r.card.id);
    leave(r.card);
  }
  // A hidden card whose id a different card now takes moves aside with its history.
  const pairedStored = new Set(pairs.map((p) => p.stored));
  for (const c of noteCards) if (c.hidden && !pairedStored.has(c) && incomingIds.has(c.id)) leave(c);
  // In the order of the note, as the preview lists them.
  const order = new Map(input.decks.flatMap((d, k) => d.cards.map((c, i) => [c.id, k * 1e9 + i] as const)));
  report.takeovers.sort((a, b) => (order.get(a.to) ?? 0) - (order.get(b.to) ?? 0));
  return plan;

  function applyPair({ stored: prev, incoming: next, reason }: Pair): void {
    const card: SyncCard = { ...next };
    if (prev.userEdited) {
      // The user's text and tags stay theirs; the note's current version is kept beside them for "Revert".
      card.userEdited = true;
      card.original = { front: next.front, back: next.back, tags: next.tags };
      card.front = prev.front;
      card.back = prev.back;
      card.tags = prev.tags;
      const noteBefore = noteTextOf(prev);
      if (noteBefore.front !== next.front || noteBefore.back !== next.back) {
        report.noteChangedUnderEdit.push({ id: next.id, front: prev.front, noteFront: next.front });
      }
    }
    const state = states.get(prev.id);
    if (prev.id === next.id) {
      if (sameContent(prev, card)) return;
      plan.cardPuts.push(card);
      if (prev.hidden) report.restored++;
      else {
        report.updated++;
        if (!sameText(prev, card)) report.edited++;
      }
      if (state && (state.hidden || state.position !== card.position)) plan.statePuts.push({ ...state, hidden: false, position: card.position });
      else if (!state) plan.freshStates.push(card);
      return;
    }
    moveTo(prev, card, state);
    report.carriedOver.push({ from: prev.id, to: card.id });
    const sameWords = normalizeQuestion(questionOf(prev)) === normalizeQuestion(next.front) && answerOf(prev) === answerOf(next);
    if (reason !== 'same-content' && !sameWords) {
      report.takeovers.push({ from: prev.id, to: card.id, fromFront: prev.front, toFront: next.front, reason });
    }
  }

  /** A stored card leaves its deck: hidden, under a free id when its own is taken by another card. */
  function leave(card: SyncCard): void {
    const state = states.get(card.id);
    if (!incomingIds.has(card.id)) {
      if (!card.hidden) {
        plan.cardPuts.push({ ...card, hidden: true });
        if (state) plan.statePuts.push({ ...state, hidden: true });
      }
      return;
    }
    moveTo(card, { ...card, id: freeIdFor(card), hidden: true }, state);
  }

  function moveTo(prev: SyncCard, card: SyncCard, state: S | undefined): void {
    plan.cardDeletes.push(prev.id);
    plan.cardPuts.push(card);
    if (state) {
      plan.stateDeletes.push(prev.id);
      plan.statePuts.push({ ...state, cardId: card.id, deckId: card.deckId, position: card.position, hidden: card.hidden });
    } else if (!card.hidden) plan.freshStates.push(card);
    plan.logMoves.push({ from: prev.id, to: card.id, deckId: card.deckId });
  }

  function freeIdFor(card: SyncCard): string {
    const base = `${questionIdOf(card.id)}~${answerKey(noteTextOf(card).back)}`;
    let id = base;
    for (let k = 2; takenIds.has(id); k++) id = `${base}~${k}`;
    takenIds.add(id);
    return id;
  }
}
