// The deck-sync planner on plain fixtures: a snapshot of stored cards and states in, a plan out.
import { describe, expect, it } from 'vitest';
import { deckOf } from './syncFixtures.ts';
import { stableHash, normalizeQuestion } from '../../../src/core/deck/cardId.ts';
import type { Deck } from '../../../src/core/deck/types.ts';
import fc from 'fast-check';
import { isLightlyEditedQuestion, keyTokens, planCardSync, withinEditDistance, type SyncCard, type SyncState } from '../../../src/core/deckSync/index.ts';

const deck = deckOf;

/** What storage would hold after syncing `d`, each state tagged with its card's answer. */
function stored(d: Deck, ids = d.cards.map((c) => c.id)) {
  const cards: SyncCard[] = d.cards.map((c, position) => ({ ...c, id: ids[position]!, deckId: d.id, position, hidden: false }));
  const states = cards.map((c) => ({ cardId: c.id, deckId: d.id, position: c.position, hidden: false, answer: c.back }));
  return { cards, states };
}

/** Where each state ends up: answer the state was recorded for → id of the card whose answer it is now. */
function statesByAnswer(plan: ReturnType<typeof planCardSync<SyncState & { answer: string }>>) {
  const backOf = new Map(plan.cardPuts.map((c) => [c.id, c.back]));
  return Object.fromEntries(plan.statePuts.map((s) => [s.answer, backOf.get(s.cardId) ?? '(card untouched)']));
}

describe('planCardSync', () => {
  it('an unchanged deck plans nothing', () => {
    const d = deck('d', [['What is X?', 'x'], ['What is Y?', 'y']]);
    const plan = planCardSync(stored(d), { decks: [d] });
    expect(plan).toMatchObject({ cardPuts: [], statePuts: [], cardDeletes: [], stateDeletes: [], freshStates: [], logMoves: [] });
  });

  it('migrates repeats keyed by their count (~2) to keys by answer, carrying each history, listed as no takeover', () => {
    const d = deck('d', [['What is it?', 'A cat.'], ['What is it?', 'A dog.']]);
    const base = d.cards[0]!.id;
    const legacy = stored(d, [base, `${base}~2`]);
    const plan = planCardSync(legacy, { decks: [d] });
    expect(plan.logMoves).toEqual([{ from: `${base}~2`, to: d.cards[1]!.id, deckId: 'd' }]);
    expect(statesByAnswer(plan)).toEqual({ 'A dog.': 'A dog.' });
    expect(plan.report.takeovers).toEqual([]);
    // Run again on what it wrote: nothing left to do.
    const after = stored(d);
    expect(planCardSync(after, { decks: [d] }).logMoves).toEqual([]);
  });

  it('the first copy deleted: its id goes to the second copy, each history stays with its own answer', () => {
    const before = deck('d', [['What is it?', 'A cat.'], ['Other?', 'o'], ['What is it?', 'A dog.']]);
    const after = deck('d', [['Other?', 'o'], ['What is it?', 'A dog.']]);
    expect(after.cards[1]!.id).toBe(before.cards[0]!.id); // the plain id changes hands…
    const plan = planCardSync(stored(before), { decks: [after] });
    // …so the cat moves aside to a free id first, then the dog takes the plain one (applied as one swap).
    const cat = plan.cardPuts.find((c) => c.back === 'A cat.')!;
    expect(cat.hidden).toBe(true);
    expect(cat.id).not.toBe(before.cards[0]!.id);
    expect(plan.logMoves).toEqual(
      expect.arrayContaining([
        { from: before.cards[0]!.id, to: cat.id, deckId: 'd' },
        { from: before.cards[2]!.id, to: after.cards[1]!.id, deckId: 'd' },
      ]),
    );
    expect(statesByAnswer(plan)).toEqual({ 'A cat.': 'A cat.', 'A dog.': 'A dog.', o: 'o' /* moved up one place */ });
    expect(plan.report).toMatchObject({ hidden: 1, added: 0, takeovers: [] });
  });

  it('a repeat whose answer is edited keeps its progress, and the takeover is listed', () => {
    const before = deck('d', [['What is it?', 'A cat.'], ['What is it?', 'A big brown dog.']]);
    const after = deck('d', [['What is it?', 'A cat.'], ['What is it?', 'A big brown dog that barks.']]);
    const plan = planCardSync(stored(before), { decks: [after] });
    expect(statesByAnswer(plan)).toEqual({ 'A big brown dog.': 'A big brown dog that barks.' });
    expect(plan.report.takeovers.map((t) => t.reason)).toEqual(['repeat']);
  });

  it('a refused takeover: the old card leaves with its state, the new one starts fresh', () => {
    const before = deck('d', [['What is the time complexty of binary serach?', 'O(log n).']]);
    const after = deck('d', [['What is the time complexity of binary search?', 'O(log n).']]);
    const from = before.cards[0]!.id;
    const to = after.cards[0]!.id;
    expect(planCardSync(stored(before), { decks: [after] }).report.takeovers).toHaveLength(1);
    const plan = planCardSync(stored(before), { decks: [after], refusedTakeovers: [{ from, to }] });
    expect(plan.logMoves).toEqual([]);
    expect(plan.freshStates.map((c) => c.id)).toEqual([to]);
    expect(plan.statePuts).toEqual([expect.objectContaining({ cardId: from, hidden: true })]);
  });

  it('an edited card taken over keeps the user’s text, and says the note changed under it', () => {
    const before = deck('d', [['What is the time complexty of binary serach?', 'O(log n).']]);
    const snap = stored(before);
    snap.cards[0] = { ...snap.cards[0]!, front: 'My question', back: 'My answer', tags: ['mine'], userEdited: true, original: { front: before.cards[0]!.front, back: 'O(log n).', tags: [] } };
    const after = deck('d', [['What is the time complexity of binary search?', 'O(log n).']]);
    const plan = planCardSync(snap, { decks: [after] });
    expect(plan.cardPuts).toEqual([expect.objectContaining({ front: 'My question', back: 'My answer', tags: ['mine'], userEdited: true, original: { front: after.cards[0]!.front, back: 'O(log n).', tags: [] } })]);
    expect(plan.report.noteChangedUnderEdit).toEqual([{ id: after.cards[0]!.id, front: 'My question', noteFront: after.cards[0]!.front }]);
  });
});

describe('isLightlyEditedQuestion', () => {
  it.each([
    ['What is the time complexity of quicksort?', 'What is the time complexity of mergesort?', false],
    ['What does HTTP 404 mean?', 'What does HTTP 403 mean?', false],
    ['What is the capital of Austria?', 'What is the capital of Australia?', false],
    ['What does `list.sort()` return?', 'What does `list.sorted()` return?', false],
    ['What does useMemo do in React?', 'What does useCallback do in React?', false],
    ['What is the time complexty of binary serach?', 'What is the time complexity of binary search?', true],
    ['What is time complexity of binary search?', 'What is the time complexity of binary search?', true],
    ['What is a **closure**?', 'What is a closure ?', true],
    ['What does `useMemo` do in React?', 'What does useMemo do in React?', true],
  ])('%s → %s: %s', (a, b, same) => {
    expect(isLightlyEditedQuestion(a, b)).toBe(same);
    expect(isLightlyEditedQuestion(b, a)).toBe(same);
  });

  it('finds numbers, names and identifiers, not a sentence’s first word', () => {
    expect(keyTokens('What does HTTP 404 mean in `fetch()` for Chrome?')).toEqual(expect.arrayContaining(['404', 'http', 'fetch', 'chrome']));
    expect(keyTokens('What is a closure?')).toEqual([]);
    expect(normalizeQuestion('x')).toBe('x');
    expect(stableHash('x')).toHaveLength(13);
  });
});

describe('withinEditDistance (the planner’s cheap filter) agrees with a plain Levenshtein distance', () => {
  const levenshtein = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    return d[a.length]![b.length]!;
  };
  it('on random short strings and every bound', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 14 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 14 }), fc.nat(8), (a, b, k) => {
        expect(withinEditDistance(a, b, k)).toBe(levenshtein(a, b) <= k);
      }),
      { numRuns: 400 },
    );
  });
});
