// Whether a question that appeared in a rebuilt deck is an edited version of one that
// disappeared, so the old card's progress may carry over. A person must agree it is the same
// question: a typo fixed or a filler word added, never another algorithm, number, name or
// identifier ("…of quicksort?" is not "…of mergesort?" however similar the letters).

import { normalizeQuestion } from '../deck/cardId.ts';

/** Questions at least this similar overall (after normalization) may be the same card. */
export const QUESTION_SIMILARITY_THRESHOLD = 0.8;

/** An answer this long (normalized characters) and this many words is specific enough to identify its card. */
export const IDENTIFYING_ANSWER_CHARS = 40;
export const IDENTIFYING_ANSWER_WORDS = 6;

/** Words whose coming or going does not change what a question asks. */
const FILLER_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'is', 'are', 'do', 'does', 'please', 'briefly', 'exactly', 'actually', 'really', 's']);

/** Levenshtein distance, two rows; with `transpositions`, a swap of neighbours costs 1 (optimal string alignment). */
function editDistance(a: string, b: string, transpositions = false): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (transpositions && i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length]!;
}

/**
 * Whether the Levenshtein distance of `a` and `b` is at most `k`: the dynamic programme only
 * within `k` of the diagonal, stopping once a whole row exceeds `k`. O(length · k).
 */
export function withinEditDistance(a: string, b: string, k: number): boolean {
  if (Math.abs(a.length - b.length) > k) return false;
  if (a === b) return true;
  const n = a.length;
  const m = b.length;
  const big = k + 1;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    cur.fill(big);
    cur[0] = i <= k ? i : big;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = d > big ? big : d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > k) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[m]! <= k;
}

/**
 * A cheap test that two normalized questions may be similar enough (`QUESTION_SIMILARITY_THRESHOLD`),
 * exact for the edit-distance measure: lets a planner skip most pairs before `isLightlyEditedQuestion`.
 */
export function maybeSimilar(x: string, y: string): boolean {
  const longest = Math.max(x.length, y.length);
  if (longest > 400) return Math.min(x.length, y.length) >= longest * 0.5;
  return withinEditDistance(x, y, Math.floor(longest * (1 - QUESTION_SIMILARITY_THRESHOLD) + 1e-9));
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

/** Trigram overlap (Dice) of two normalized texts, in [0, 1]. */
export function trigramDice(a: string, b: string): number {
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

const NUMBER = /\p{N}+(?:[.,]\p{N}+)*/gu;
const CODE_SPAN = /`([^`\n]+)`/g;
// foo.bar, a::b, x->y, f(), camelCase, snake_case.
const IDENTIFIER = /[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)+(?:\(\))?|[A-Za-z_$][\w$]*\(\)|\b[a-z]+[A-Z]\w*|\b[A-Za-z]\w*_\w+/g;
const CAPITALIZED = /[\p{Lu}][\p{L}\p{N}'’-]*/gu;
const ACRONYM = /^[\p{Lu}\p{N}]{2,}$/u;

/**
 * The words a question cannot change and stay the same question: numbers, code (backticks and
 * identifiers), and names (capitalized words other than a sentence's first, and acronyms).
 * Normalized like the question, so a mark added around a word changes nothing.
 */
export function keyTokens(question: string): string[] {
  const out: string[] = [];
  for (const m of question.matchAll(NUMBER)) out.push(m[0]);
  for (const m of question.matchAll(CODE_SPAN)) out.push(m[1]!);
  for (const m of question.matchAll(IDENTIFIER)) out.push(m[0]);
  for (const m of question.matchAll(CAPITALIZED)) {
    const at = m.index ?? 0;
    const before = question.slice(0, at).replace(/[\s*_`"'“”‘’(\[]+$/u, '');
    const sentenceStart = before === '' || /[.?!:]$/.test(before);
    if (!sentenceStart || ACRONYM.test(m[0])) out.push(m[0]);
  }
  return [...new Set(out.map((t) => normalizeQuestion(t)).filter((t) => t !== ''))];
}

function containsWords(normalized: string, words: string): boolean {
  return ` ${normalized} `.includes(` ${words} `);
}

/** Two words one typo apart: one edit (or swap) in a short word, two in a long one; digits never. */
function nearSpelling(u: string, v: string): boolean {
  if (u === v) return true;
  if (/\p{N}/u.test(u) || /\p{N}/u.test(v)) return false;
  const longest = Math.max(u.length, v.length);
  const allowed = longest <= 3 ? 0 : longest <= 6 ? 1 : 2;
  return editDistance(u, v, true) <= allowed;
}

/** Runs of words that differ between two word lists, in order (a word-level diff by longest common subsequence). */
function differingRuns(a: readonly string[], b: readonly string[]): Array<[string[], string[]]> {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const runs: Array<[string[], string[]]> = [];
  let run: [string[], string[]] = [[], []];
  let i = 0;
  let j = 0;
  const flush = () => {
    if (run[0].length || run[1].length) runs.push(run);
    run = [[], []];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) run[0].push(a[i++]!);
    else run[1].push(b[j++]!);
  }
  flush();
  return runs;
}

/** A run of differing words is a light edit: typos word for word, words run together or apart, filler words. */
function lightRun([from, to]: [string[], string[]]): boolean {
  const x = from.filter((w) => !FILLER_WORDS.has(w));
  const y = to.filter((w) => !FILLER_WORDS.has(w));
  if (x.length === y.length) return x.every((w, k) => nearSpelling(w, y[k]!));
  return x.length > 0 && y.length > 0 && nearSpelling(x.join(''), y.join(''));
}

/**
 * The new question is the old one lightly edited: similar overall, every run of differing words a
 * typo or a filler word, and the same numbers, names and code identifiers.
 */
export function isLightlyEditedQuestion(before: string, after: string): boolean {
  const x = normalizeQuestion(before);
  const y = normalizeQuestion(after);
  return x === y || (maybeSimilar(x, y) && questionSimilarity(before, after) >= QUESTION_SIMILARITY_THRESHOLD && lightWordEdit(before, after, x, y));
}

/**
 * The word-level half of `isLightlyEditedQuestion`, for a caller that has already normalized both
 * questions (`x`, `y`) and checked they are similar overall.
 */
export function lightWordEdit(before: string, after: string, x: string, y: string): boolean {
  if (x === y) return true;
  if (!keyTokens(before).every((t) => containsWords(y, t)) || !keyTokens(after).every((t) => containsWords(x, t))) return false;
  return differingRuns(x.split(' '), y.split(' ')).every(lightRun);
}

/** An answer specific enough that a question rewritten around it is still its card. */
export function isIdentifyingAnswer(normalizedAnswer: string): boolean {
  return normalizedAnswer.length >= IDENTIFYING_ANSWER_CHARS && normalizedAnswer.split(' ').length >= IDENTIFYING_ANSWER_WORDS;
}

/** Both questions name numbers and they are not the same ones (a rewrite around a kept answer may drop a number, not change it). */
export function numbersChanged(before: string, after: string): boolean {
  const a = [...before.matchAll(NUMBER)].map((m) => m[0]).sort();
  const b = [...after.matchAll(NUMBER)].map((m) => m[0]).sort();
  return a.length > 0 && b.length > 0 && a.join(' ') !== b.join(' ');
}
