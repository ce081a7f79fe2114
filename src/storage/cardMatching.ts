// Deciding that a card which appeared in a rebuilt deck is an edited version of one that
// disappeared, so its progress can carry over (a typo fixed in the question changes its id).

import { normalizeQuestion } from '../core/deck/cardId.ts';

/** Questions at least this similar (after normalization) are the same card. */
export const QUESTION_SIMILARITY_THRESHOLD = 0.8;

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

function trigramDice(a: string, b: string): number {
  const ga = trigrams(a);
  const gb = trigrams(b);
  let shared = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return total ? (2 * shared) / total : 1;
}

/**
 * Similarity of two questions in [0, 1] after `normalizeQuestion`: 1 − normalized edit distance,
 * or trigram overlap for long texts where the quadratic edit distance would be slow.
 */
export function questionSimilarity(a: string, b: string): number {
  const x = normalizeQuestion(a);
  const y = normalizeQuestion(b);
  if (x === y) return 1;
  const longest = Math.max(x.length, y.length);
  if (longest > 400) return trigramDice(x, y);
  return 1 - editDistance(x, y) / longest;
}

/** A card to match: its id, position in its deck's list, and content. */
export interface MatchCandidate {
  id: string;
  deckId: string;
  position: number;
  front: string;
  back: string;
}

/**
 * Pairs cards that disappeared with cards that appeared in the same deck: near the same
 * position, and either a very similar question or the same (non-trivial) answer. Greedy, best
 * pairs first. `deckSize` sets how far a card may have moved (a fifth of the deck, at least 10).
 */
export function matchEditedCards(
  removed: readonly MatchCandidate[],
  added: readonly MatchCandidate[],
  deckSize: number,
): Array<{ from: MatchCandidate; to: MatchCandidate }> {
  const window = Math.max(10, Math.round(deckSize * 0.2));
  const pairs: Array<{ from: MatchCandidate; to: MatchCandidate; score: number; distance: number }> = [];
  for (const from of removed) {
    const answer = normalizeQuestion(from.back);
    for (const to of added) {
      if (to.deckId !== from.deckId) continue;
      const distance = Math.abs(to.position - from.position);
      if (distance > window) continue;
      const similarity = questionSimilarity(from.front, to.front);
      let score = similarity >= QUESTION_SIMILARITY_THRESHOLD ? similarity : 0;
      // A rewritten question with the very same answer is the same card; a short answer
      // ("yes", "O(n)") is shared by too many cards to prove it.
      if (!score && answer.length >= 8 && answer === normalizeQuestion(to.back)) score = 0.75;
      if (score) pairs.push({ from, to, score, distance });
    }
  }
  pairs.sort((p, q) => q.score - p.score || p.distance - q.distance);
  const usedFrom = new Set<string>();
  const usedTo = new Set<string>();
  const out: Array<{ from: MatchCandidate; to: MatchCandidate }> = [];
  for (const p of pairs) {
    if (usedFrom.has(p.from.id) || usedTo.has(p.to.id)) continue;
    usedFrom.add(p.from.id);
    usedTo.add(p.to.id);
    out.push({ from: p.from, to: p.to });
  }
  return out;
}

/** Cards that moved to another deck unchanged: same normalized question and answer. */
export function matchMovedCards(
  removed: readonly MatchCandidate[],
  added: readonly MatchCandidate[],
): Array<{ from: MatchCandidate; to: MatchCandidate }> {
  const key = (c: MatchCandidate) => `${normalizeQuestion(c.front)}\u0000${normalizeQuestion(c.back)}`;
  const byKey = new Map<string, MatchCandidate[]>();
  for (const r of removed) {
    const list = byKey.get(key(r));
    if (list) list.push(r);
    else byKey.set(key(r), [r]);
  }
  const out: Array<{ from: MatchCandidate; to: MatchCandidate }> = [];
  for (const a of added) {
    const from = byKey.get(key(a))?.shift();
    if (from) out.push({ from, to: a });
  }
  return out;
}
