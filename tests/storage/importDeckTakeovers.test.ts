// The import's write honours the takeovers the user refused in the preview.
import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import { cardWithState, importDeck, previewDeckSync, recordReview, reviewLogFor } from '../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb, QA } from './helpers.ts';

describe('importDeck and refused takeovers', () => {
  it('a refused takeover leaves the history with the old (now hidden) card; an accepted one carries it', async () => {
    const db = await openTestDb();
    const typos = QA.map(([f, b], i): [string, string] => [i === 2 ? 'What is the time complexty of binary serach?' : i === 3 ? 'What is a race conditon?' : f, b]);
    const first = makeDeck('notes', typos);
    await importDeck(db, first, { cutAt: 'auto', excludedCardIds: [] }, NOON);
    for (const i of [2, 3]) {
      const id = first.cards[i]!.id;
      const { state } = await cardWithState(db, id);
      await recordReview(db, { cardId: id, rating: Rating.Good, now: NOON, durationMs: 1000, expectedStateVersion: state!.version });
    }
    const fixed = makeDeck('notes', QA);
    const preview = await previewDeckSync(db, fixed, NOON + 1);
    expect(preview.takeovers.map((t) => [t.from, t.to])).toEqual([
      [first.cards[2]!.id, fixed.cards[2]!.id],
      [first.cards[3]!.id, fixed.cards[3]!.id],
    ]);
    const refused = preview.takeovers[0]!;
    const report = await importDeck(db, fixed, { cutAt: 'auto', excludedCardIds: [] }, NOON + 1, { refusedTakeovers: [refused] });
    expect(report.carriedOver).toEqual([{ from: first.cards[3]!.id, to: fixed.cards[3]!.id }]);
    expect(await reviewLogFor(db, fixed.cards[2]!.id)).toHaveLength(0);
    expect(await reviewLogFor(db, first.cards[2]!.id)).toHaveLength(1);
    expect((await cardWithState(db, first.cards[2]!.id)).card?.hidden).toBe(true);
    expect(await reviewLogFor(db, fixed.cards[3]!.id)).toHaveLength(1);
  });
});
