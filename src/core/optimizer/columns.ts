// The review log column by column: what the page sends the optimizer worker (typed arrays are
// transferred, not copied; 100,000 answers are a few megabytes).
import type { ReviewEvent } from './trainingData.ts';

/** One entry per answer in each array. */
export interface ReviewColumns {
  /** Index into `cardIds` of each answer's card. */
  card: Uint32Array;
  rating: Uint8Array;
  reviewedAt: Float64Array;
  /** 1 when the card was new before the answer (first answer, or first after a reset). */
  fromNew: Uint8Array;
  cardIds: string[];
}

/** Columns back to events. */
export function eventsFromColumns(log: ReviewColumns): ReviewEvent[] {
  const events: ReviewEvent[] = new Array(log.rating.length);
  for (let i = 0; i < log.rating.length; i++) {
    events[i] = { cardId: log.cardIds[log.card[i]!]!, rating: log.rating[i]!, reviewedAt: log.reviewedAt[i]!, fromNew: log.fromNew[i] === 1 };
  }
  return events;
}

/** Events to columns (the page side). */
export function columnsFromEvents(events: readonly ReviewEvent[]): ReviewColumns {
  const ids = new Map<string, number>();
  const log: ReviewColumns = {
    card: new Uint32Array(events.length),
    rating: new Uint8Array(events.length),
    reviewedAt: new Float64Array(events.length),
    fromNew: new Uint8Array(events.length),
    cardIds: [],
  };
  events.forEach((e, i) => {
    let id = ids.get(e.cardId);
    if (id === undefined) {
      id = log.cardIds.length;
      ids.set(e.cardId, id);
      log.cardIds.push(e.cardId);
    }
    log.card[i] = id;
    log.rating[i] = e.rating;
    log.reviewedAt[i] = e.reviewedAt;
    log.fromNew[i] = e.fromNew ? 1 : 0;
  });
  return log;
}

