// The import preview's write: cards the user unticked stay out, the "Cut cards at" choice and
// the unticked ids are kept on the deck row for the next import, the typed name wins.
import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import {
  cardWithState,
  DEFAULT_IMPORT_CHOICES,
  importChoices,
  importDeck,
  recordReview,
  renameDeck,
  syncDecks,
} from '../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb, QA } from './helpers.ts';

const without = (deck: ReturnType<typeof makeDeck>, ids: string[]) => ({ ...deck, cards: deck.cards.filter((c) => !ids.includes(c.id)) });

describe('importDeck', () => {
  it('writes only the ticked cards and remembers the cut and the unticked ids on the deck row', async () => {
    const db = await openTestDb();
    const deck = makeDeck('import-js', QA, 'JS');
    const unticked = [deck.cards[1]!.id, deck.cards[3]!.id];
    const report = await importDeck(db, without(deck, unticked), { cutAt: 'heading:3', excludedCardIds: unticked }, NOON);
    expect(report.added).toBe(3);
    const stored = await db.cards.where('deckId').equals('import-js').toArray();
    expect(stored.map((c) => c.id).sort()).toEqual(deck.cards.filter((c) => !unticked.includes(c.id)).map((c) => c.id).sort());
    expect(await db.cardStates.count()).toBe(3);
    const row = (await db.decks.get('import-js'))!;
    expect(row).toMatchObject({ title: 'JS', origin: 'imported', cardCount: 3, importCut: 'heading:3', excludedCardIds: unticked });
    expect(await importChoices(db, 'import-js')).toEqual({ cutAt: 'heading:3', excludedCardIds: unticked });
  });

  it('a deck never imported, or imported with auto and nothing unticked, has the default choices and no extra fields', async () => {
    const db = await openTestDb();
    expect(await importChoices(db, 'import-none')).toEqual(DEFAULT_IMPORT_CHOICES);
    await importDeck(db, makeDeck('import-js', QA), DEFAULT_IMPORT_CHOICES, NOON);
    const row = (await db.decks.get('import-js'))!;
    expect('importCut' in row).toBe(false);
    expect('excludedCardIds' in row).toBe(false);
    expect(await importChoices(db, 'import-js')).toEqual(DEFAULT_IMPORT_CHOICES);
  });

  it('reads a row written before these fields existed, and one whose fields are junk (a damaged restore), as the defaults', async () => {
    const db = await openTestDb();
    // As syncDecks wrote imported decks before the import remembered anything.
    await syncDecks(db, [makeDeck('import-old', QA)], NOON, { origin: 'imported' });
    expect(await importChoices(db, 'import-old')).toEqual(DEFAULT_IMPORT_CHOICES);
    const row = (await db.decks.get('import-old'))!;
    await db.decks.put({ ...row, importCut: 42 as unknown as string, excludedCardIds: ['a', 7, null] as unknown as string[] });
    expect(await importChoices(db, 'import-old')).toEqual({ cutAt: 'auto', excludedCardIds: ['a'] });
  });

  it('a re-import: a card unticked now leaves the deck with its history kept, a card ticked again comes back, the choice is replaced', async () => {
    const db = await openTestDb();
    const deck = makeDeck('import-js', QA, 'JS');
    const [a, b] = [deck.cards[0]!.id, deck.cards[2]!.id];
    await importDeck(db, without(deck, [b]), { cutAt: 'bold', excludedCardIds: [b] }, NOON);
    const { state } = await cardWithState(db, a);
    await recordReview(db, { cardId: a, rating: Rating.Good, now: NOON, durationMs: 1000, expectedStateVersion: state!.version });

    // Now a is unticked and b ticked again; back to auto.
    const report = await importDeck(db, without(deck, [a]), { cutAt: 'auto', excludedCardIds: [a] }, NOON + 1000);
    expect(report).toMatchObject({ added: 1, hidden: 1 });
    const cards = new Map((await db.cards.where('deckId').equals('import-js').toArray()).map((c) => [c.id, c]));
    expect(cards.get(a)?.hidden).toBe(true);
    expect(cards.get(b)?.hidden).toBe(false);
    expect(await db.reviews.where('cardId').equals(a).count()).toBe(1);
    const row = (await db.decks.get('import-js'))!;
    expect(row.cardCount).toBe(4);
    expect('importCut' in row).toBe(false);
    expect(await importChoices(db, 'import-js')).toEqual({ cutAt: 'auto', excludedCardIds: [a] });
  });

  it('the name typed in the preview replaces an earlier rename; order and the user’s hiding are kept', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('bundled', QA)], NOON);
    await importDeck(db, makeDeck('import-js', QA, 'JS'), DEFAULT_IMPORT_CHOICES, NOON);
    await renameDeck(db, 'import-js', 'My JS');
    const order = (await db.decks.get('import-js'))!.order;
    await importDeck(db, makeDeck('import-js', QA, 'JavaScript'), DEFAULT_IMPORT_CHOICES, NOON + 1000);
    const row = (await db.decks.get('import-js'))!;
    expect(row.title).toBe('JavaScript');
    expect(row.userTitle).toBeUndefined();
    expect(row.order).toBe(order);
  });

  it('writes nothing when the write fails part-way (one transaction)', async () => {
    const db = await openTestDb();
    const deck = makeDeck('import-js', QA, 'JS');
    // A card that IndexedDB cannot store (a function in its meta) makes the card put throw after the deck put.
    const broken = { ...deck, cards: [deck.cards[0]!, { ...deck.cards[1]!, meta: { line: 4, bad: () => 1 } as never }] };
    await expect(importDeck(db, broken, { cutAt: 'bold', excludedCardIds: [] }, NOON)).rejects.toThrow();
    expect(await db.decks.get('import-js')).toBeUndefined();
    expect(await db.cards.count()).toBe(0);
  });
});
