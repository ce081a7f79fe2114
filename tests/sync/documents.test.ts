import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CARD_SHARDS,
  cardShard,
  docForRow,
  docsLacking,
  entryKey,
  indexMap,
  pairedKey,
  parseEntryKey,
  rowKey,
  scopeOfDoc,
} from '../../src/sync/documents.ts';
import { NOV_2026, register, review, voidOf } from './support/rows.ts';

describe('document layout', () => {
  it('puts a review and its void in the month of the review', () => {
    const row = review('r1', NOV_2026);
    expect(docForRow(row)).toBe('reviews/2026-11');
    // Voided in December, it still travels with the November review.
    expect(docForRow(voidOf(row, Date.UTC(2026, 11, 3)))).toBe('reviews/2026-11');
    expect(rowKey(row)).toBe('r:r1');
    expect(rowKey(voidOf(row))).toBe('v:r1');
  });

  it('puts an imported card beside its deck, sharded by its id; other registers in registers', () => {
    const card = register('card:abc', { deckId: 'my-deck', front: 'Q' }, 1);
    expect(docForRow(card)).toBe(`cards/my-deck/${cardShard('abc')}`);
    expect(docForRow(register('flags:abc', { suspended: true }, 1))).toBe('registers');
    expect(docForRow(register('deck:my-deck', { title: 'T' }, 1))).toBe('registers');
    // A card register without its deck (not a shape storage writes) stays findable in registers.
    expect(docForRow(register('card:abc', null, 1))).toBe('registers');
  });

  it('spreads card ids over every shard, the same way on every device', () => {
    const counts = new Array(CARD_SHARDS).fill(0);
    for (let i = 0; i < 1600; i++) counts[cardShard(`deck-${i}-card`)]++;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(cardShard('same-id')).toBe(cardShard('same-id'));
  });

  it('names the storage scope of every document', () => {
    expect(scopeOfDoc('registers')).toEqual({ kind: 'registers' });
    expect(scopeOfDoc('reviews/2026-12')).toEqual({ kind: 'reviews', month: '2026-12' });
    expect(scopeOfDoc('cards/a/b/3')).toEqual({ kind: 'deckCards', deckId: 'a/b' });
    expect(scopeOfDoc('index')).toBeUndefined();
  });
});

describe('the index', () => {
  it('lists the documents where some device saw writes this one has not', () => {
    const doc = new Y.Doc();
    const map = indexMap(doc);
    map.set(entryKey('reviews/2026-11', 'A'), { seen: { A: 4, B: 6 } });
    map.set(entryKey('reviews/2026-11', 'B'), { seen: { A: 4, B: 6 } });
    map.set(entryKey('reviews/2026-12', 'A'), { seen: { A: 4 } });
    map.set(entryKey('reviews/2026-12', 'B'), { seen: { A: 3, B: 1 } });
    // The same number of writes seen, but not the same writes: each lacks the other's.
    map.set(entryKey('cards/d/3', 'A'), { seen: { A: 1 } });
    map.set(entryKey('cards/d/3', 'B'), { seen: { B: 1 } });
    map.set(pairedKey('A'), { at: 1 });
    expect(docsLacking(map, 'A').sort()).toEqual(['cards/d/3', 'reviews/2026-12']);
    expect(docsLacking(map, 'B').sort()).toEqual(['cards/d/3', 'reviews/2026-12']);
    expect(docsLacking(map, 'C').sort()).toEqual(['cards/d/3', 'reviews/2026-11', 'reviews/2026-12']);
    expect(parseEntryKey(pairedKey('A'))).toBeUndefined();
    expect(parseEntryKey(entryKey('cards/x@y/1', 'dev'))).toEqual({ sub: 'cards/x@y/1', device: 'dev' });
  });
});
