// A deck as the converter makes it, for deck-sync tests: ids from the questions and, for repeats, the answers.
import { assignCardIds } from '../../../src/core/deck/cardId.ts';
import { DECK_FORMAT, DECK_VERSION, type Deck } from '../../../src/core/deck/types.ts';

export function deckOf(id: string, pairs: Array<[front: string, back: string]>): Deck {
  const ids = assignCardIds(id, pairs.map(([front]) => front), pairs.map(([, back]) => back));
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    id,
    title: id,
    source: `${id}.md`,
    layouts: ['markdown'],
    cards: pairs.map(([front, back], i) => ({ id: ids[i]!, front, back, tags: [], kind: 'basic', meta: { line: i * 3 + 1 } })),
    warnings: [],
  };
}
