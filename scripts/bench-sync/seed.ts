// bench:sync's collection: one imported deck of `cards` cards, and `reviews` answers spread over
// the past year, written the way storage writes them (recordReview's row shape: a unique string id,
// this device's id, stateBefore/stateAfter from the app's own scheduler, the card state's version)
// but in bulk, since a year of answers one transaction each would take hours on fake-indexeddb.
// The card states are the last `stateAfter` of each card's log, so a replay gives them back exactly.

import { assignCardIds } from '../../src/core/deck/cardId.ts';
import { DECK_FORMAT, DECK_VERSION, type Deck } from '../../src/core/deck/types.ts';
import { seededRandom } from '../../src/core/random.ts';
import { gradeCard, Rating, State, type Grade } from '../../src/core/scheduling/fsrs.ts';
import { normalizeSettings } from '../../src/core/scheduling/settings.ts';
import { importDeck, newRowId, withIndexFields, type RehearseDb, type StoredCardState, type StoredReviewLog } from '../../src/storage/index.ts';
import { deviceId } from '../../src/storage/syncStore.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Answers per card that has been seen (the rest of the deck is new): 190,000 over 100,000 cards → 47,500 seen. */
const ANSWERS_PER_SEEN_CARD = 4;

const WORDS = (
  'gradient attention embedding tokenizer latency cache shard replica index transformer encoder decoder ' +
  'regularization dropout batch normalization variance bias recall precision calibration drift pipeline ' +
  'feature store vector database retrieval ranking loss optimizer momentum schedule warmup quantization'
).split(' ');

/** A deck of `count` question/answer cards shaped like a converted note (about 300 bytes of text each). */
export function benchDeck(deckId: string, count: number): Deck {
  const rand = seededRandom(7);
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const pairs = Array.from({ length: count }, (_, i) => {
    const [a, b, c, d] = [word(), word(), word(), word()];
    return [
      `Question ${i}: how does the ${a} of a ${b} affect ${c} when ${d} changes?`,
      `The ${a} sets an upper bound on ${c}; measure it before tuning the ${b}. When ${d} changes, the ${b} has to be re-fitted, which is where most of the **${c}** cost goes.`,
    ] as const;
  });
  const ids = assignCardIds(deckId, pairs.map(([front]) => front));
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    id: deckId,
    title: `Bench sync deck (${count.toLocaleString('en')} cards)`,
    source: `${deckId}.md`,
    layouts: ['markdown'],
    cards: pairs.map(([front, back], i) => ({ id: ids[i]!, front, back, tags: ['bench'], kind: 'basic', meta: { line: i * 3 + 1 } })),
    warnings: [],
  };
}

function pickGrade(rand: () => number, state: State): Grade {
  const r = rand();
  if (state === State.Review) return r < 0.07 ? Rating.Again : r < 0.17 ? Rating.Hard : r < 0.92 ? Rating.Good : Rating.Easy;
  return r < 0.12 ? Rating.Again : r < 0.2 ? Rating.Hard : r < 0.92 ? Rating.Good : Rating.Easy;
}

/**
 * Imports `deck` on `db` at `importedAt` (a year before `now`), then writes `reviews` answers:
 * the first cards of the deck answered ANSWERS_PER_SEEN_CARD times each, starting on a random day
 * of the year and then when the scheduler said they were due (an hour later when that is past
 * `now`). Resolves with the number of cards seen.
 */
export async function seedCollection(db: RehearseDb, deck: Deck, reviews: number, now: number): Promise<{ seen: number }> {
  const importedAt = now - 366 * DAY;
  await importDeck(db, deck, { cutAt: 'auto', excludedCardIds: [] }, importedAt);
  const settings = normalizeSettings((await db.settings.get('scheduler'))?.value as object | undefined);
  const device = await deviceId(db);
  const rand = seededRandom(2026);
  const seen = Math.min(deck.cards.length, Math.ceil(reviews / ANSWERS_PER_SEEN_CARD));
  let left = reviews;
  const BATCH = 500;
  for (let from = 0; from < seen; from += BATCH) {
    const ids = deck.cards.slice(from, Math.min(seen, from + BATCH)).map((c) => c.id);
    const states = await db.cardStates.bulkGet(ids);
    const logs: StoredReviewLog[] = [];
    const puts: StoredCardState[] = [];
    for (const row of states) {
      if (!row || left === 0) continue;
      const count = Math.min(left, ANSWERS_PER_SEEN_CARD);
      left -= count;
      let schedule = row.schedule;
      let at = now - 365 * DAY + Math.floor(rand() * 335 * DAY);
      for (let k = 0; k < count; k++) {
        const rating = pickGrade(rand, schedule.state);
        const { state, log } = gradeCard(schedule, rating, at, settings);
        logs.push({
          id: newRowId(),
          cardId: row.cardId,
          deckId: row.deckId,
          rating,
          reviewedAt: at,
          durationMs: Math.round(3000 + rand() * 17000),
          stateBefore: schedule,
          stateAfter: state,
          versionAfter: row.version + k + 1,
          device,
          fsrsLog: log,
        });
        schedule = state;
        const next = Math.max(state.due, at + 10 * MINUTE);
        at = next < now - MINUTE ? next : at + HOUR;
      }
      puts.push(withIndexFields({ ...row, schedule, version: row.version + count }));
    }
    await db.transaction('rw', [db.cardStates, db.reviews], async () => {
      await db.reviews.bulkAdd(logs);
      await db.cardStates.bulkPut(puts);
    });
  }
  if (left > 0) throw new Error(`the deck has too few cards for ${reviews} answers`);
  return { seen };
}
