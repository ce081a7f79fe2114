// Rehearse's own .apkg export (src/ui/anki/apkg.ts) read back by the Anki reader: the cards, their
// tags and kinds, and every answer with its time, duration and rating come back. (Before the export
// declared `schedVer: 2`, its collection read as Anki's old scheduler, and Good in learning came
// back Easy, as Anki renumbers v1 learning answers.)
// Answers at distinct milliseconds: the export shifts a revlog id by 1 ms when two share one.
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { ankiPackageToDecks, readAnkiPackage } from '../../../src/core/anki/index.ts';
import { assignCardIds } from '../../../src/core/deck/cardId.ts';
import { DECK_FORMAT, DECK_VERSION, type Card, type Deck } from '../../../src/core/deck/types.ts';
import { Rating } from '../../../src/core/scheduling/index.ts';
import { readDeckForExport } from '../../../src/storage/anki/deckForExport.ts';
import { recordReview, suspendCard, syncDecks } from '../../../src/storage/index.ts';
import { buildApkg } from '../../../src/ui/anki/apkg.ts';
import { renderCardMarkdown } from '../../../src/ui/render/markdownToHtml.ts';
import { DAY, HOUR, NOON, openTestDb } from '../../storage/helpers.ts';
import { loadSql } from './ankiFixtures.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

function deck(): Deck {
  const raw: Array<Omit<Card, 'id'>> = [
    { front: 'What is a **closure**?', back: 'A function with its captured variables.', tags: ['JavaScript'], kind: 'basic', meta: { line: 1 } },
    { front: 'Softmax of $z_i$?', back: 'A normalised exponential.', tags: ['ML'], kind: 'basic', meta: { line: 3 } },
    { front: 'A ==LEFT JOIN== keeps every row of the left table.', back: 'A ==LEFT JOIN== keeps every row of the left table.', tags: [], kind: 'cloze', meta: { line: 5 } },
    { front: 'Suspended one?', back: 'Stays suspended.', tags: [], kind: 'basic', meta: { line: 7 } },
  ];
  const ids = assignCardIds('prep', raw.map((c) => c.front));
  return { format: DECK_FORMAT, version: DECK_VERSION, id: 'prep', title: 'Interview prep', source: 'prep.md', layouts: ['markdown'], cards: raw.map((c, i) => ({ ...c, id: ids[i]! })), warnings: [] };
}

describe('a Rehearse .apkg export read back', () => {
  it('gives the same cards, tags, kinds, suspension and answers', async () => {
    const db = await openTestDb();
    const d = deck();
    await syncDecks(db, [d], NOON);
    const ids = d.cards.map((c) => c.id);
    const answers: Array<[number, number, number]> = [
      [0, Rating.Good, NOON],
      [0, Rating.Good, NOON + HOUR],
      [0, Rating.Hard, NOON + 2 * DAY],
      [1, Rating.Again, NOON + 2 * DAY + 60_000],
    ];
    for (const [card, rating, now] of answers) {
      const state = await db.cardStates.get(ids[card]!);
      await recordReview(db, { cardId: ids[card]!, rating: rating as never, now, durationMs: 3000 + card, expectedStateVersion: state!.version });
    }
    await suspendCard(db, ids[3]!);
    const data = await readDeckForExport(db, 'prep');
    const bytes = await buildApkg(
      { deck: { id: 'prep', title: data.deck.title }, cards: data.cards, states: data.states, logs: data.logs },
      { SQL, zip: zipSync, renderHtml: renderCardMarkdown },
      { now: NOON + 3 * DAY },
    );

    const { decks } = ankiPackageToDecks(readAnkiPackage(bytes, 'prep.apkg', { SQL }), 'prep.apkg');
    expect(decks.map((x) => x.title)).toEqual(['Interview prep']);
    const cards = decks[0]!.cards;
    expect(cards.map((c) => [c.front, c.kind, c.tags])).toEqual([
      ['What is a **closure**?', 'basic', ['JavaScript']],
      ['Softmax of $z_i$?', 'basic', ['ML']],
      ['A {{c1::LEFT JOIN}} keeps every row of the left table.', 'cloze', []],
      ['Suspended one?', 'basic', []],
    ]);
    expect(cards[0]!.back).toBe('A function with its captured variables.');
    expect(cards[3]!.anki.queue).toBe(-1);
    expect(cards.flatMap((c) => c.reviews.map((r) => [c.front, r.reviewedAt, r.durationMs, r.rating]))).toEqual(
      answers.map(([card, rating, now]) => [cards[card]!.front, now, 3000 + card, rating]),
    );
  });
});
