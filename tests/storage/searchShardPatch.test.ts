// An answer's change to the search index: the shard's numbers patched in place, its texts kept,
// equal to encoding the shard again; refused (null) whenever the shard or the deck totals would change.
import { describe, expect, it } from 'vitest';
import { State } from '../../src/core/scheduling/fsrs.ts';
import { decodeShard, encodeShard, patchShardFields, type IndexedCard } from '../../src/storage/search/shard.ts';

const card = (i: number, over: Partial<IndexedCard> = {}): IndexedCard => ({
  id: `c${i}`,
  deckId: 'd',
  position: i,
  text: `question ${i}\nanswer ${i}\n`,
  tags: i % 2 ? ['odd'] : [],
  edited: false,
  removed: false,
  state: State.New,
  due: null,
  suspended: false,
  buriedUntil: 0,
  reps: 0,
  lapses: 0,
  stability: 0,
  difficulty: 0,
  lastReview: null,
  ...over,
});

describe('patching a search shard in place', () => {
  const cards = Array.from({ length: 6 }, (_, i) => card(i));
  const row = encodeShard('d', 0, cards);

  it('gives the same row as encoding the shard with the new fields', () => {
    const answered = [
      card(2, { state: State.Review, due: 1_800_000_000_000, reps: 3, lapses: 1, stability: 12.5, difficulty: 6.1, lastReview: 1_790_000_000_000 }),
      card(5, { suspended: true, buriedUntil: 1_800_000_500_000, edited: true }),
    ];
    const patched = patchShardFields(row, answered)!;
    const expected = encodeShard('d', 0, cards.map((c) => answered.find((a) => a.id === c.id) ?? c));
    expect(patched).toEqual(expected);
    expect(decodeShard(patched)[2]).toEqual(answered[0]);
    // The stored row is left as it was.
    expect(decodeShard(row)[2]).toEqual(cards[2]);
  });

  it('refuses a card it does not hold, one that moved, and one that left or rejoined its note', () => {
    expect(patchShardFields(row, [card(9)])).toBeNull();
    expect(patchShardFields(row, [card(1, { position: 7 })])).toBeNull();
    expect(patchShardFields(row, [card(1, { deckId: 'e' })])).toBeNull();
    expect(patchShardFields(row, [card(1, { removed: true })])).toBeNull();
    const removedRow = encodeShard('d', 0, [card(0, { removed: true })]);
    expect(patchShardFields(removedRow, [card(0)])).toBeNull();
  });
});
