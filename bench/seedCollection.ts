// A generated collection for `npm run bench:app`: 20 decks of 5,000 cards with a year of answers.
// Histories are simulated with the app's own scheduler (ts-fsrs through core `gradeCard`), answered
// in one evening session a day, so every state, due date and review-log row has the real shape.
// A two-week break just before today leaves a backlog: many cards are due today.

import { assignCardIds } from '../src/core/deck/cardId.ts';
import type { CardKind } from '../src/core/deck/types.ts';
import { startOfStudyDay, studyDayOf, studyDayStart } from '../src/core/scheduling/day.ts';
import { gradeCard, newScheduleState, Rating, State, type Grade } from '../src/core/scheduling/fsrs.ts';
import type { SchedulerSettings } from '../src/core/scheduling/settings.ts';
import { withIndexFields, type StoredCard, type StoredCardState, type StoredDeck, type StoredReviewLog } from '../src/storage/db.ts';
import { seededRandom } from '../src/core/random.ts';

export const BENCH_DECKS = 20;
export const CARDS_PER_DECK = 5_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One deck's rows, ready for `bulkPut`. */
export interface GeneratedDeck {
  deck: StoredDeck;
  cards: StoredCard[];
  states: StoredCardState[];
  logs: StoredReviewLog[];
}


interface Window {
  start: number;
  end: number;
  today: boolean;
}

/**
 * The evening study sessions of the past year: one a day between 18:00 and 24:00 local, 45
 * minutes long, about one day in ten skipped, none in the two weeks before today, and a short
 * one ending now (where only a few due cards get answered).
 */
function studySessions(now: number, dayStartHour: number): Window[] {
  const rand = seededRandom(2024);
  const today = studyDayOf(now, dayStartHour);
  const windows: Window[] = [];
  for (let k = -365; k <= -15; k++) {
    const skip = rand() < 0.1;
    const start = studyDayStart(today + k, dayStartHour) + (14 + rand() * 5.5) * HOUR;
    if (!skip) windows.push({ start, end: start + 45 * MINUTE, today: false });
  }
  const todayStart = Math.max(startOfStudyDay(now, dayStartHour), now - 30 * MINUTE);
  if (now - todayStart > MINUTE) windows.push({ start: todayStart, end: now, today: true });
  return windows;
}

const WORDS = (
  'gradient attention embedding tokenizer latency cache shard replica index transformer encoder decoder ' +
  'regularization dropout batch normalization variance bias recall precision calibration drift pipeline ' +
  'feature store vector database retrieval ranking loss optimizer momentum schedule warmup quantization ' +
  'distillation pruning throughput consistency partition queue backpressure idempotency transaction'
).split(' ');

function pickWord(rand: () => number): string {
  return WORDS[Math.floor(rand() * WORDS.length)]!;
}

function cardText(rand: () => number, deck: number, position: number): { front: string; back: string; kind: CardKind } {
  const [a, b, c, d] = [pickWord(rand), pickWord(rand), pickWord(rand), pickWord(rand)];
  const cloze = rand() < 0.05;
  const front = cloze
    ? `In deck ${deck}, item ${position}: the {{c1::${a}}} of a ${b} is what limits its ${c}.`
    : `Deck ${deck}, question ${position}: how does the ${a} of a ${b} affect ${c} when ${d} changes?`;
  const sentences = [
    `The ${a} sets an upper bound on ${c}; measure it before tuning the ${b}.`,
    `When ${d} changes, the ${b} has to be re-fitted, which is where most of the **${c}** cost goes.`,
    `In practice, compare against a simple ${pickWord(rand)} baseline and report the ratio, not the raw number.`,
    `A common mistake is to confuse ${a} with ${pickWord(rand)}: they move together only under \`${d}\` stability.`,
  ];
  let back = sentences.slice(0, 2 + Math.floor(rand() * 3)).join(' ');
  if (rand() < 0.1) back += `\n\n\`\`\`python\ndef ${a}_${b}(x):\n    return x * ${position % 17} + 1\n\`\`\``;
  return { front, back, kind: cloze ? 'cloze' : 'basic' };
}

function pickGrade(rand: () => number, state: State): Grade {
  const r = rand();
  if (state === State.Review) return r < 0.07 ? Rating.Again : r < 0.17 ? Rating.Hard : r < 0.92 ? Rating.Good : Rating.Easy;
  return r < 0.12 ? Rating.Again : r < 0.2 ? Rating.Hard : r < 0.92 ? Rating.Good : Rating.Easy;
}

/** How big a generated deck is: its cards, and the share of them introduced over the year (default about a quarter). */
export interface GeneratorShape {
  cardsPerDeck?: number;
  seenShare?: number;
}

/** A collection generator bound to one `now`; `deck(i)` builds deck i (0-based). */
export function collectionGenerator(now: number, settings: SchedulerSettings, shape: GeneratorShape = {}) {
  const cardsPerDeck = shape.cardsPerDeck ?? CARDS_PER_DECK;
  const windows = studySessions(now, settings.dayStartHour);
  const past = windows.filter((w) => !w.today);

  /** When a card due at `due` is answered: in the first session that has not ended by then. */
  function answerTime(due: number, from: number, rand: () => number): { at: number; index: number } | undefined {
    for (let i = from; i < windows.length; i++) {
      const w = windows[i]!;
      if (w.end <= due) continue;
      if (due >= w.start) return { at: Math.min(w.end - 1, due + rand() * MINUTE), index: i };
      return { at: w.start + rand() * 0.8 * (w.end - w.start), index: i };
    }
    return undefined;
  }

  function deck(d: number): GeneratedDeck {
    const rand = seededRandom(1000 + d);
    const deckId = `bench-deck-${String(d + 1).padStart(2, '0')}`;
    const texts = Array.from({ length: cardsPerDeck }, (_, position) => cardText(rand, d + 1, position));
    const ids = assignCardIds(deckId, texts.map((t) => t.front));
    // About a quarter of each deck has been introduced, in deck order, evenly over the year.
    const share = 0.21 + rand() * 0.1;
    const seenCount = Math.round(cardsPerDeck * (shape.seenShare ?? share));
    const cards: StoredCard[] = [];
    const states: StoredCardState[] = [];
    const logs: StoredReviewLog[] = [];
    for (let position = 0; position < cardsPerDeck; position++) {
      const id = ids[position]!;
      const text = texts[position]!;
      cards.push({
        id,
        deckId,
        front: text.front,
        back: text.back,
        tags: ['bench', `topic-${position % 12}`],
        kind: text.kind,
        meta: { line: position * 4 + 1, section: [`Part ${1 + Math.floor(position / 250)}`], layout: 'markdown' },
        position,
        hidden: false,
      });
      let schedule = newScheduleState(now - 366 * 24 * HOUR);
      let version = 0;
      if (position < seenCount) {
        let index = windows.indexOf(past[Math.floor((position / seenCount) * past.length)]!);
        const first = windows[index]!;
        let at = first.start + rand() * 0.7 * (first.end - first.start);
        schedule = newScheduleState(at);
        for (let guard = 0; guard < 200; guard++) {
          const rating = pickGrade(rand, schedule.state);
          const { state: after, log } = gradeCard(schedule, rating, at, settings);
          version++;
          logs.push({
            id: `seed-${deckId}-${logs.length.toString(36)}`,
            cardId: id,
            deckId,
            rating,
            reviewedAt: at,
            durationMs: Math.round(3000 + rand() * 17000),
            stateBefore: schedule,
            stateAfter: after,
            versionAfter: version,
            fsrsLog: log,
          });
          schedule = after;
          const next = answerTime(schedule.due, index, rand);
          if (!next) break;
          const w = windows[next.index]!;
          // Today only a few of the due cards have been answered so far.
          if (w.today && !(at >= w.start) && rand() > 0.02) break;
          // A session often ends with a learning step pending: it waits for the next session.
          const later = next.index === index && rand() < 0.3 ? answerTime(w.end, index + 1, rand) : next;
          if (!later) break;
          at = Math.max(later.at, at + 1000);
          index = later.index;
        }
      }
      const r = rand();
      states.push(
        withIndexFields({
          cardId: id,
          deckId,
          schedule,
          version,
          position,
          suspended: version > 0 && r < 0.005,
          buriedUntil: 0,
          hidden: false,
        }),
      );
    }
    return {
      deck: {
        id: deckId,
        title: `Bench deck ${d + 1}`,
        description: 'Generated for npm run bench:app.',
        source: `${deckId}.md`,
        layouts: ['markdown'],
        order: 10 + d,
        cardCount: cardsPerDeck,
        hidden: false,
        syncedAt: now,
        origin: 'imported',
      },
      cards,
      states,
      logs,
    };
  }

  return { deck, sessions: windows.length };
}
